import 'reflect-metadata';
import { serveSubgraph } from '../shared/subgraph';
import { partners } from './subgraph';

serveSubgraph(partners);
