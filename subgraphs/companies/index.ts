import 'reflect-metadata';
import { serveSubgraph } from '../shared/subgraph';
import { companies } from './subgraph';

serveSubgraph(companies);
