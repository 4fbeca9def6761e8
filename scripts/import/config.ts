import { optional, str, url, type Env } from '../../platform/config';
import { DEFAULT_PORTS } from '../../platform/services';

/** `npm run import`: where to send the rows and with which token (flags override these). */
export interface ImportConfig {
  /** HUB_TOKEN: a bearer token of an editor of the owning organisation. */
  token?: string;
  /** HUB_URL: the gateway's GraphQL endpoint. */
  url: string;
  /** Where relative file names are resolved: the folder `npm run` was started from. */
  workingDir: string;
}

export function loadImportConfig(env: Env = process.env): ImportConfig {
  return {
    token: optional(env, 'HUB_TOKEN'),
    url: url(env, 'HUB_URL', `http://localhost:${DEFAULT_PORTS.gateway}/graphql`),
    workingDir: str(env, 'INIT_CWD', process.cwd()),
  };
}
