import { Template } from 'aws-cdk-lib/assertions';
import { INVOICES_SCHEMA_SQL, splitSqlStatements } from '../../contracts/invoicesSchemaSql';
import { cityLimitsTableDefinition } from '../../local/bootstrap/bootstrapApp';
import { buildTestApp } from './helpers/buildTestApp';
import { actionsOfRole, logicalId, onlyResource, resourcesForAction, resourcesOf } from './helpers/templateQueries';

describe('NetworkStack', () => {
  const { stacks } = buildTestApp();
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
  const { stacks } = buildTestApp();
  const data = Template.fromStack(stacks.data);

  it('creates the invoices table on demand with PITR, encryption and the byCompany GSI', () => {
    expect(onlyResource(data, 'AWS::DynamoDB::Table', 'InvoicesTable').properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'invoiceId', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: [
        { IndexName: 'byCompany', KeySchema: [{ AttributeName: 'companyCnpj', KeyType: 'HASH' }, { AttributeName: 'companyCreatedAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
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
    data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    expect(JSON.stringify(onlyResource(data, 'AWS::RDS::DBSubnetGroup').properties.SubnetIds)).toMatch(/databaseSubnet/);
  });

  it('applies the nfse.invoices schema from contracts/ through the Data API', () => {
    const migration = onlyResource(data, 'Custom::NfseSchemaMigration').properties;
    expect(migration.Statements).toEqual(splitSqlStatements(INVOICES_SCHEMA_SQL));
    expect(migration.Database).toBe('nfse');
    expect(migration.ClusterArn).toEqual(expect.objectContaining({ 'Fn::Join': expect.any(Array) }));
    const handlerRole = logicalId(stacks.data.node.findChild('InvoicesSchema').node.findChild('Handler').node.findChild('ServiceRole'));
    expect(actionsOfRole(data, handlerRole)).toEqual(['rds-data:ExecuteStatement', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(resourcesForAction(data, handlerRole, 'secretsmanager:GetSecretValue')).toEqual([{ Ref: logicalId(stacks.data.dbSecret) }]);
  });
});
