import 'reflect-metadata';
import { serveSubgraph } from '../kit/subgraph';
import { projects } from './subgraph';

serveSubgraph(projects);
