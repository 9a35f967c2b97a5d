import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

/** A JSON value of a synthesized template. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The logical id of a construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
}

/** The resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, { Properties: Record<string, Json>; [key: string]: Json | Record<string, Json> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, Json> }>;
}

/** The one resource of a type whose logical id starts with `prefix`. */
export function onlyResource(template: Template, type: string, prefix = ''): { id: string; properties: Record<string, Json> } {
  const matches = Object.entries(resourcesOf(template, type)).filter(([id]) => id.startsWith(prefix));
  if (matches.length !== 1) throw new Error(`expected one ${type} starting with "${prefix}", found ${matches.map(([id]) => id).join(', ') || 'none'}`);
  const [id, resource] = matches[0];
  return { id, properties: resource.Properties };
}

/** Every statement of the IAM policies attached to a role (by the role's logical id). */
export function statementsOfRole(template: Template, roleId: string): Array<{ Action: string | string[]; Resource: Json; Effect: string }> {
  const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]));
  return policies.flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: Json; Effect: string }> }).Statement);
}

/** Every action a role may take. */
export function actionsOfRole(template: Template, roleId: string): string[] {
  return statementsOfRole(template, roleId)
    .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))
    .sort();
}

/** The resources a role may call `action` on. */
export function resourcesForAction(template: Template, roleId: string, action: string): Json[] {
  return statementsOfRole(template, roleId)
    .filter((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]).includes(action))
    .flatMap((statement) => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]));
}

/** What an `Fn::ImportValue` of `consumer` points at in the producer's template. */
export function exportedValue(producer: Template, imported: Json): Json {
  const name = (imported as { 'Fn::ImportValue'?: string })['Fn::ImportValue'];
  if (typeof name !== 'string') throw new Error(`not an import: ${JSON.stringify(imported)}`);
  const outputs = producer.toJSON().Outputs as Record<string, { Value: Json; Export?: { Name: string } }>;
  const output = Object.values(outputs).find((candidate) => candidate.Export?.Name === name);
  if (output === undefined) throw new Error(`no export ${name}`);
  return output.Value;
}

/** The actions a role may take on one resource, given as the value the producer stack exports for it. */
export function actionsOnExported(template: Template, roleId: string, producer: Template, exported: Json): string[] {
  const actions = new Set<string>();
  for (const statement of statementsOfRole(template, roleId)) {
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    const matches = resources.some((resource) => {
      const name = typeof resource === 'object' && resource !== null && !Array.isArray(resource) ? resource['Fn::ImportValue'] : undefined;
      const outputs = producer.toJSON().Outputs as Record<string, { Value: Json; Export?: { Name: string } }>;
      const output = Object.values(outputs).find((candidate) => candidate.Export?.Name === name);
      return output !== undefined && JSON.stringify(output.Value) === JSON.stringify(exported);
    });
    if (matches) for (const action of Array.isArray(statement.Action) ? statement.Action : [statement.Action]) actions.add(action);
  }
  return [...actions].sort();
}

/** One API Gateway method of a template, with its resource path (`/invoices/{id}`). */
export interface ApiMethod {
  readonly httpMethod: string;
  readonly path: string;
  readonly properties: Record<string, Json>;
}

/** Every method of the REST API in a template, CORS preflights included. */
export function apiMethods(template: Template): ApiMethod[] {
  const resources = resourcesOf(template, 'AWS::ApiGateway::Resource');
  const pathOf = (resourceId: Json): string => {
    const ref = (resourceId as { Ref?: string }).Ref;
    if (ref === undefined) return '/';
    const resource = resources[ref].Properties;
    const parent = pathOf(resource.ParentId);
    return `${parent === '/' ? '' : parent}/${String(resource.PathPart)}`;
  };
  return Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).map((method) => ({
    httpMethod: String(method.Properties.HttpMethod),
    path: pathOf(method.Properties.ResourceId),
    properties: method.Properties,
  }));
}
