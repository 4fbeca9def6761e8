import 'reflect-metadata';
import { serveSubgraph } from '../kit/subgraph';
import { companies } from './subgraph';

serveSubgraph(companies);
