import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { fromRepoRoot } from '../paths';

/** The Node runtime of every function: the newest Lambda supports (Node 20 leaves support in 2026). */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** esbuild on this machine (never Docker), minified, with source maps; the runtime's AWS SDK v3 stays out of the bundle. */
export function bundlingOptions(): nodejs.BundlingOptions {
  return {
    forceDockerBundling: false,
    minify: true,
    sourceMap: true,
    target: 'node22',
    format: nodejs.OutputFormat.CJS,
    externalModules: ['@aws-sdk/*'],
  };
}

/** Props shared by every NodejsFunction of the app. */
export function nodeFunctionDefaults(): Pick<nodejs.NodejsFunctionProps, 'runtime' | 'architecture' | 'bundling' | 'projectRoot' | 'depsLockFilePath' | 'tracing'> {
  return {
    runtime: NODE_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    bundling: bundlingOptions(),
    projectRoot: fromRepoRoot('.'),
    depsLockFilePath: fromRepoRoot('package-lock.json'),
    tracing: lambda.Tracing.ACTIVE,
  };
}
