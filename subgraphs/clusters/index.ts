import 'reflect-metadata';
import { serveSubgraph } from '../shared/subgraph';
import { clusters } from './subgraph';

serveSubgraph(clusters);
