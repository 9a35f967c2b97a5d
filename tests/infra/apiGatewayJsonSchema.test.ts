import { JsonSchemaType, JsonSchemaVersion } from 'aws-cdk-lib/aws-apigateway';
import { z } from 'zod';
import { CancelInvoiceRequestSchema } from '../../contracts/cancelInvoiceRequest';
import { apiGatewayJsonSchema } from '../../infra/lib/api/apiGatewayJsonSchema';

describe('apiGatewayJsonSchema', () => {
  it('renders a contract as draft-04 JSON Schema in CDK spelling', () => {
    expect(apiGatewayJsonSchema(CancelInvoiceRequestSchema, 'CancelInvoiceRequest')).toEqual({
      schema: JsonSchemaVersion.DRAFT4,
      title: 'CancelInvoiceRequest',
      type: JsonSchemaType.OBJECT,
      properties: {
        reasonCode: { type: JsonSchemaType.INTEGER, minimum: 1, maximum: 9999 },
        reason: { type: JsonSchemaType.STRING, minLength: 1, maxLength: 255 },
      },
      required: ['reasonCode'],
      additionalProperties: false,
    });
  });

  it('describes the input: a field with a default is optional', () => {
    const schema = apiGatewayJsonSchema(z.strictObject({ series: z.string().default('1'), name: z.string() }));
    expect(schema.required).toEqual(['name']);
  });

  it('keeps property names that look like keywords', () => {
    const schema = apiGatewayJsonSchema(z.strictObject({ $ref: z.string() }));
    expect(Object.keys(schema.properties ?? {})).toEqual(['$ref']);
  });

  it('refuses a recursive schema (API Gateway models cannot hold local $refs)', () => {
    interface Node {
      children: Node[];
    }
    const NodeSchema: z.ZodType<Node> = z.lazy(() => z.object({ children: z.array(NodeSchema) }));
    expect(() => apiGatewayJsonSchema(NodeSchema)).toThrow(/cannot use \$(ref|defs)/);
  });
});
