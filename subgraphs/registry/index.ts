import 'reflect-metadata';
import { serveSubgraph } from '../kit/subgraph';
import { registry } from './subgraph';

serveSubgraph(registry);
