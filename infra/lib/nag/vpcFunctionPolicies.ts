import type { NagAcknowledgment } from './acknowledge';

/** The AWS-managed policies every Lambda function in our VPC has, acknowledged once for all of them. */
export const VPC_FUNCTION_MANAGED_POLICIES: NagAcknowledgment = {
  id: 'AwsSolutions-IAM4',
  reason: 'AWSLambdaBasicExecutionRole (its own logs) and AWSLambdaVPCAccessExecutionRole (ENIs in the private subnets) are the AWS-maintained minimum for a function in a VPC.',
  findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'],
};
