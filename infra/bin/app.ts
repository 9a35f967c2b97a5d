import { App } from 'aws-cdk-lib';
import { readAppConfig } from '../lib/config/appConfig';
import { createNfseApp } from '../lib/createNfseApp';

/** `cdk synth|deploy --all`: the whole nfse-flow app, configured from context (see infra/README.md). */
const app = new App();
createNfseApp(app, readAppConfig(app.node));
app.synth();
