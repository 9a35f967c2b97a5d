import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { INVOICES_SCHEMA_SQL, REPORTING_GRANTS_SQL, splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import { OUTBOX_SCHEMA_SQL } from '../../contracts/outboxSchemaSql';
import { ORDER_EVENT_LOG_SCHEMA_SQL, OUTBOX_GRANTS_SQL } from '../../contracts/orderEventLogSchemaSql';
import { ORDERS_GRANTS_SQL } from '../../contracts/ordersGrantsSql';
import { ORDERS_SCHEMA_SQL } from '../../contracts/ordersSchemaSql';
import { BILLING_GRANTS_SQL, BILLING_SCHEMA_SQL } from '../../contracts/billingSchemaSql';
import { cityLimitsTableDefinition } from '../../local/bootstrap/bootstrapApp';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, logicalId, onlyResource, resourcesForAction, resourcesOf, type Json } from './helpers/templateQueries';

// One synth of the default app for both describes (each one costs a second or two of CPU in jest).
const { stacks } = buildTestApp();

describe('NetworkStack', () => {
  const network = Template.fromStack(stacks.network);

  it('spreads public, private and isolated subnets over 2 AZs', () => {
    expect(Object.keys(resourcesOf(network, 'AWS::EC2::Subnet'))).toHaveLength(6);
    network.resourceCountIs('AWS::EC2::Subnet', 6);
    expect(Object.values(resourcesOf(network, 'AWS::EC2::Subnet')).map((subnet) => subnet.Properties.MapPublicIpOnLaunch).sort()).toEqual([false, false, false, false, true, true]);
  });

  it('gives the NAT gateway a fixed Elastic IP and publishes it as an output', () => {
    const eip = onlyResource(network, 'AWS::EC2::EIP');
    network.hasResourceProperties('AWS::EC2::NatGateway', { AllocationId: { 'Fn::GetAtt': [eip.id, 'AllocationId'] } });
    network.resourceCountIs('AWS::EC2::NatGateway', 1);
    network.hasOutput('NatEgressIp1Output', { Value: { Ref: eip.id } });
    network.hasResource('AWS::EC2::EIP', { DeletionPolicy: 'Retain' });
  });

  it('adds gateway endpoints for S3 and DynamoDB and interface endpoints for SQS, Step Functions, Secrets Manager, ECR and Logs', () => {
    const endpoints = Object.values(resourcesOf(network, 'AWS::EC2::VPCEndpoint')).map((endpoint) => ({
      type: endpoint.Properties.VpcEndpointType,
      service: JSON.stringify(endpoint.Properties.ServiceName).match(/\.(s3|dynamodb|sqs|states|secretsmanager|ecr\.api|ecr\.dkr|logs)"/)?.[1],
    }));
    expect(endpoints.sort((a, b) => String(a.service).localeCompare(String(b.service)))).toEqual([
      { type: 'Gateway', service: 'dynamodb' },
      { type: 'Interface', service: 'ecr.api' },
      { type: 'Interface', service: 'ecr.dkr' },
      { type: 'Interface', service: 'logs' },
      { type: 'Gateway', service: 's3' },
      { type: 'Interface', service: 'secretsmanager' },
      { type: 'Interface', service: 'sqs' },
      { type: 'Interface', service: 'states' },
    ]);
  });

  it('runs an SSM-managed bastion with no public address, IMDSv2 and an encrypted disk', () => {
    const bastion = onlyResource(network, 'AWS::EC2::Instance');
    expect(bastion.properties.BlockDeviceMappings).toEqual([{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 10, VolumeType: 'gp3' } }]);
    expect(JSON.stringify(bastion.properties.SubnetId)).not.toMatch(/public/i);
    network.hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } } });
    const bastionRole = logicalId(stacks.network.bastion.role);
    expect(actionsOfRole(network, bastionRole)).toEqual(['ec2messages:*', 'ssm:UpdateInstanceInformation', 'ssmmessages:*']);
  });

  it('allocates one Elastic IP per NAT gateway from context', () => {
    const { stacks: twoNat } = buildTestApp({ context: { natGateways: 2 } });
    const template = Template.fromStack(twoNat.network);
    template.resourceCountIs('AWS::EC2::EIP', 2);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
  });
});

describe('DataStack', () => {
  const data = Template.fromStack(stacks.data);

  it('creates the invoices table on demand with PITR, encryption, the byCompany GSI and the sweeper’s sparse awaitingStart GSI', () => {
    expect(onlyResource(data, 'AWS::DynamoDB::Table', 'InvoicesTable').properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'invoiceId', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: [
        { IndexName: 'byCompany', KeySchema: [{ AttributeName: 'companyCnpj', KeyType: 'HASH' }, { AttributeName: 'companyCreatedAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'awaitingStart', KeySchema: [{ AttributeName: 'sweepShard', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      ],
    });
  });

  it('expires idempotency records with TTL on expiresAt and keys tenants by principal', () => {
    expect(onlyResource(data, 'AWS::DynamoDB::Table', 'RequestsTable').properties).toMatchObject({
      KeySchema: [{ AttributeName: 'requestKey', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(onlyResource(data, 'AWS::DynamoDB::Table', 'TenantsTable').properties).toMatchObject({ KeySchema: [{ AttributeName: 'principal', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
  });

  it('keeps the city limits by city and slot, as the local bootstrap does, cleared by TTL on ttl', () => {
    expect(onlyResource(data, 'AWS::DynamoDB::Table', 'CityLimitsTable').properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: cityLimitsTableDefinition('any').KeySchema,
      AttributeDefinitions: cityLimitsTableDefinition('any').AttributeDefinitions,
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
  });

  it('keeps documents private, KMS-encrypted, versioned, locked 5 years and moves them to Glacier Instant Retrieval', () => {
    const docs = onlyResource(data, 'AWS::S3::Bucket', 'DocsBucket').properties;
    expect(docs.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(docs.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(stacks.data.dataKey), 'Arn'] } } }] });
    expect(docs.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(docs.ObjectLockEnabled).toBe(true);
    expect(docs.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1827 } } });
    expect(docs.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'glacier-instant-retrieval',
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          NoncurrentVersionExpiration: { NoncurrentDays: 1827 },
          NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
          Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
        },
      ],
    });
  });

  it('denies every request to the documents bucket that is not over TLS 1.2', () => {
    const policy = onlyResource(data, 'AWS::S3::BucketPolicy', 'DocsBucketPolicy').properties;
    expect((policy.PolicyDocument as { Statement: unknown[] }).Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    );
  });

  it('runs Aurora Serverless v2 PostgreSQL with the Data API, encryption and its secret, in isolated subnets', () => {
    const cluster = onlyResource(data, 'AWS::RDS::DBCluster').properties;
    expect(cluster).toMatchObject({ Engine: 'aurora-postgresql', EnableHttpEndpoint: true, StorageEncrypted: true, DatabaseName: 'nfse', ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 4 } });
    data.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless', Engine: 'aurora-postgresql' });
    // The master's, the two reporting users', the outbox relay's and orders consumer's, the two billing users', and the orders API's, saga's and order invoice's.
    data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 10);
    expect(JSON.stringify(onlyResource(data, 'AWS::RDS::DBSubnetGroup').properties.SubnetIds)).toMatch(/databaseSubnet/);
  });

  it('gives each reporting user a secret of its own, rotated every 30 days by the multi-user rotation (as the master), after the migration created its role', () => {
    const migration = onlyResource(data, 'Custom::NfseSchemaMigration').id;
    const secrets = resourcesOf(data, 'AWS::SecretsManager::Secret');
    const attachments = resourcesOf(data, 'AWS::SecretsManager::SecretTargetAttachment');
    const schedules = resourcesOf(data, 'AWS::SecretsManager::RotationSchedule');
    /** The serverless application (SAR) behind a rotation function ARN `Outputs.RotationLambdaARN`. */
    const rotationApplication = (lambdaArn: Json | undefined): Json | undefined => {
      const [application] = (lambdaArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      const location = resourcesOf(data, 'AWS::Serverless::Application')[application].Properties.Location as { ApplicationId: { 'Fn::FindInMap': [string, Json, string] } };
      const [mapping, , key] = location.ApplicationId['Fn::FindInMap'];
      return (data.toJSON().Mappings as Record<string, Record<string, Record<string, Json>>>)[mapping].aws[key];
    };
    const user = (secret: IConstruct): Record<string, Json | undefined> => {
      const attachment = attachments[logicalId(secret)].Properties;
      const generated = secrets[(attachment.SecretId as { Ref: string }).Ref].Properties.GenerateSecretString as { SecretStringTemplate: Json };
      const schedule = Object.values(schedules).find((candidate) => JSON.stringify(candidate.Properties.SecretId) === JSON.stringify({ Ref: logicalId(secret) }));
      return {
        template: generated.SecretStringTemplate,
        cluster: attachment.TargetId,
        rotation: (schedule?.Properties.RotationRules as { ScheduleExpression?: string } | undefined)?.ScheduleExpression,
        rotationApplication: rotationApplication(schedule?.Properties.RotationLambdaARN),
        afterMigration: schedule?.DependsOn === undefined ? false : ([schedule.DependsOn].flat() as string[]).includes(migration),
      };
    };
    const expected = (username: string): Record<string, unknown> => ({
      template: { 'Fn::Join': ['', [`{"username":"${username}","dbname":"nfse","masterarn":"`, { Ref: logicalId(stacks.data.dbSecret) }, '"}']] },
      cluster: { Ref: logicalId(stacks.data.cluster) },
      rotation: 'rate(30 days)',
      rotationApplication: expect.stringMatching(/:applications\/SecretsManagerRDSPostgreSQLRotationMultiUser$/),
      afterMigration: true,
    });
    expect(user(stacks.data.reportWriterSecret)).toEqual(expected('nfse_report_writer'));
    expect(user(stacks.data.reportReaderSecret)).toEqual(expected('nfse_report_reader'));
    expect(user(stacks.data.outboxRelaySecret)).toEqual(expected('nfse_outbox_relay'));
    expect(user(stacks.data.ordersConsumerSecret)).toEqual(expected('nfse_orders_consumer'));
    expect(user(stacks.data.billingWriterSecret)).toEqual(expected('nfse_billing_writer'));
    expect(user(stacks.data.billingReaderSecret)).toEqual(expected('nfse_billing_reader'));
  });

  it('keeps a rotated, retained KMS key of its own for the companies’ certificate secrets, and creates no certificate secret itself', () => {
    const key = resourcesOf(data, 'AWS::KMS::Key')[logicalId(stacks.data.certificatesKey)];

    expect(key).toMatchObject({ Properties: { EnableKeyRotation: true, Description: "nfse-flow: the companies' A1 certificate secrets" }, DeletionPolicy: 'Retain' });
    expect(Object.values(resourcesOf(data, 'AWS::SecretsManager::Secret')).map((secret) => secret.Properties.Description)).not.toContainEqual(expect.stringMatching(/certificate/i));
    expect(data.toJSON().Outputs.CertificateSecretName).toMatchObject({ Value: 'nfse-dev/companies/{cnpj}/certificate' });
  });

  it('keeps the exported Aurora logs for a month', () => {
    const retention = onlyResource(data, 'Custom::LogRetention').properties;
    expect(retention.RetentionInDays).toBe(30);
    expect(retention.LogGroupName).toEqual({ 'Fn::Join': ['', ['/aws/rds/cluster/', { Ref: logicalId(stacks.data.cluster) }, '/postgresql']] });
    expect(onlyResource(data, 'AWS::RDS::DBCluster').properties.EnableCloudwatchLogsExports).toEqual(['postgresql']);
  });

  it('keeps Aurora logs as long as dbLogRetentionDays says', () => {
    const { stacks: yearLong } = buildTestApp({ context: { dbLogRetentionDays: 365 } });
    expect(onlyResource(Template.fromStack(yearLong.data), 'Custom::LogRetention').properties.RetentionInDays).toBe(365);
  });

  it('protects the cluster and the tables from deletion and retains the documents bucket, on every stage by default', () => {
    expect(onlyResource(data, 'AWS::RDS::DBCluster').properties.DeletionProtection).toBe(true);
    const tables = Object.values(resourcesOf(data, 'AWS::DynamoDB::Table')).map((table) => table.Properties.DeletionProtectionEnabled);
    expect(tables).toEqual([true, true, true, true, true, true]);
    expect(resourcesOf(data, 'AWS::S3::Bucket')[logicalId(stacks.data.docsBucket)]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('lets a dev stage opt out of deletion protection, but never lets the documents bucket go', () => {
    const { stacks: unprotected } = buildTestApp({ context: { deletionProtection: 'false' } });
    const template = Template.fromStack(unprotected.data);
    expect(onlyResource(template, 'AWS::RDS::DBCluster').properties.DeletionProtection).toBe(false);
    expect(Object.values(resourcesOf(template, 'AWS::DynamoDB::Table')).map((table) => table.Properties.DeletionProtectionEnabled)).toEqual([false, false, false, false, false, false]);
    expect(resourcesOf(template, 'AWS::S3::Bucket')[logicalId(unprotected.data.docsBucket)]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(onlyResource(Template.fromStack(unprotected.api), 'AWS::Cognito::UserPool').properties.DeletionProtection).toBe('INACTIVE');
  });

  it('applies the nfse.invoices, outbox, billing and orders schemas from contracts/ through the Data API, with the reporting, outbox, billing and orders roles and their grants', () => {
    const migration = onlyResource(data, 'Custom::NfseSchemaMigration').properties;
    expect(migration.Statements).toEqual([
      ...splitSqlStatements(INVOICES_SCHEMA_SQL),
      ...splitSqlStatements(REPORTING_GRANTS_SQL),
      ...splitSqlStatements(OUTBOX_SCHEMA_SQL),
      ...splitSqlStatements(ORDER_EVENT_LOG_SCHEMA_SQL),
      ...splitSqlStatements(ORDERS_SCHEMA_SQL),
      ...splitSqlStatements(OUTBOX_GRANTS_SQL),
      ...splitSqlStatements(BILLING_SCHEMA_SQL),
      ...splitSqlStatements(BILLING_GRANTS_SQL),
      ...splitSqlStatements(ORDERS_GRANTS_SQL),
    ]);
    expect(migration.Roles).toEqual(['nfse_report_writer', 'nfse_report_reader', 'nfse_outbox_relay', 'nfse_orders_consumer', 'nfse_billing_writer', 'nfse_billing_reader', 'nfse_orders_api', 'nfse_order_saga', 'nfse_order_invoice']);
    expect(migration.SecretArn).toEqual({ Ref: logicalId(stacks.data.dbSecret) });
    expect(migration.Database).toBe('nfse');
    expect(migration.ClusterArn).toEqual(expect.objectContaining({ 'Fn::Join': expect.any(Array) }));
    const handlerRole = logicalId(stacks.data.node.findChild('InvoicesSchema').node.findChild('Handler').node.findChild('ServiceRole'));
    expect(actionsOfRole(data, handlerRole)).toEqual(['rds-data:ExecuteStatement', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(resourcesForAction(data, handlerRole, 'secretsmanager:GetSecretValue')).toEqual([{ Ref: logicalId(stacks.data.dbSecret) }]);
  });
});
