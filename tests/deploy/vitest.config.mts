// `npm run test:deploy`: the deployment test alone (tests/deploy), one file at
// a time, without the PostgreSQL the other tests share (it runs its own, in a container).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.mts';

export default mergeConfig(
  { ...base, test: { ...base.test, include: [], exclude: [], globalSetup: [] } },
  defineConfig({
    test: {
      include: ['tests/deploy/**/*.test.ts'],
      maxWorkers: 1,
      fileParallelism: false,
    },
  }),
);
