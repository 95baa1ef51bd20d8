import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/** What granting access to a function needs of it: the construct, the function and its own role. */
export type BoundFunction = IConstruct & { readonly function: lambda.Function; readonly role: iam.Role };
