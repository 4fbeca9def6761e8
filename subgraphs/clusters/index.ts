import 'reflect-metadata';
import { serveSubgraph } from '../kit/subgraph';
import { clusters } from './subgraph';

serveSubgraph(clusters);
