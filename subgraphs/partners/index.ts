import 'reflect-metadata';
import { serveSubgraph } from '../kit/subgraph';
import { partners } from './subgraph';

serveSubgraph(partners);
