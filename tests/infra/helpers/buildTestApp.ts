import { App } from 'aws-cdk-lib';
import { readAppConfig } from '../../../infra/lib/config/appConfig';
import { createNfseApp, type NfseAppOptions, type NfseStacks } from '../../../infra/lib/createNfseApp';

/** Options of {@link buildTestApp}. */
export interface TestAppOptions extends NfseAppOptions {
  /** Run esbuild for every function (slow); unit tests skip bundling. @default false */
  readonly bundle?: boolean;
  /** Context values, as `-c key=value` would give them. */
  readonly context?: Readonly<Record<string, unknown>>;
  /** (From NfseAppOptions) register cdk-nag as a validation plugin, as `cdk synth` does. @default false here */
  /** aws-cdk-lib's built-in CloudFormation template validation (WASM, ~9 s). @default false */
  readonly cfnValidation?: boolean;
}

/** The whole app as `cdk synth` builds it, offline: no account, region from context (default sa-east-1). */
export function buildTestApp(options: TestAppOptions = {}): { app: App; stacks: NfseStacks } {
  const app = new App({ builtinCloudFormationValidation: options.cfnValidation ?? false, context: { ...(options.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context } });
  // An empty environment: CDK_DEFAULT_ACCOUNT/REGION of the machine must not leak into the tests.
  const config = readAppConfig(app.node, {});
  const stacks = createNfseApp(app, config, { nag: options.nag ?? false, adapterImage: options.adapterImage, tasks: options.tasks });
  return { app, stacks };
}
