import 'reflect-metadata';
import { serveSubgraph } from '../shared/subgraph';
import { projects } from './subgraph';

serveSubgraph(projects);
