import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { DeskSignIn } from './identity.ts';

export type DeskHostingProps = {
  /** The REST API whose `v1` stage answers `/v1/*` on the desk's origin. */
  readonly api: apigateway.RestApi;
  /**
   * The desk's production build (`npm run desk:build` writes `desk/dist`).
   * When it does not exist, nothing is uploaded: synth and the tests work
   * without a build, and a deploy leaves the files of the last one.
   */
  readonly buildDir: string;
};

/** What the desk reads from `/desk/config.json` at start. */
export type DeskConfig = { apiBase: '/v1'; auth: { mode: 'cognito' } & DeskSignIn };

/**
 * The desk, a single-page app, served from a private S3 bucket through
 * CloudFront (origin access control, HTTPS only, security headers), with
 * `/v1/*` passed to the API on the same origin: the desk calls the API
 * without CORS, and no token is ever offered to another origin.
 */
export class DeskHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** Where people open the desk, and where sign-in sends them back: https://<distribution>/desk/ */
  readonly url: string;
  private readonly buildDir: string;

  constructor(scope: Construct, id: string, props: DeskHostingProps) {
    super(scope, id);
    this.buildDir = props.buildDir;

    // CloudFront's standard logs are written with an ACL, so this bucket keeps ACLs enabled for its owner.
    const logs = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is where the desk bucket and the distribution write their access logs; logging its own access would log the log writes.',
    });

    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'desk-bucket/',
    });

    const apiOrigin = new origins.HttpOrigin(`${props.api.restApiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Stoke sales desk and its API',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: securityHeaders(this),
        functionAssociations: [{ eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: deskPages(this) }],
      },
      additionalBehaviors: {
        // Every method, the Authorization header and the query string reach the API; nothing is cached.
        // With caching off, the AllViewerExceptHostHeader policy forwards Authorization (it may not be a cached key).
        '/v1/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders(this),
          compress: true,
        },
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    this.url = `https://${this.distribution.distributionDomainName}/desk/`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The desk is for the company\'s own reps and managers, wherever they travel; every page and API call needs a Cognito sign-in, so a country list would only lock out people on the road.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A web ACL for CloudFront must be created in us-east-1, and this stack deploys to any region. The /v1/* requests pass the API stage\'s regional AWS WAF (managed rules, per-IP rate limit) before any function; the desk\'s files are static and public by nature. A us-east-1 companion stack with a CLOUDFRONT-scope ACL is the way to add WAF at the edge.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution serves on its *.cloudfront.net name with CloudFront\'s default certificate, for which CloudFront fixes the viewer security policy (TLSv1); a custom domain with its ACM certificate and TLSv1.2_2021 is the way to raise it. Browsers the desk supports negotiate TLS 1.2 or 1.3 anyway.',
      },
    );
  }

  /**
   * Uploads the desk's build and its `config.json` (where the API is, how to
   * sign in), when the build exists. Hashed bundles are kept for a year and
   * never deleted by a later upload (a page open since the last release may
   * still ask for them); the pages and the configuration are checked on
   * every load, and the distribution forgets its copies of them.
   */
  publish(config: DeskConfig): void {
    const assets = path.join(this.buildDir, 'assets');
    if (!existsSync(this.buildDir)) return;
    const bundles = existsSync(assets)
      ? new s3deploy.BucketDeployment(this, 'Bundles', {
          sources: [s3deploy.Source.asset(assets)],
          destinationBucket: this.bucket,
          destinationKeyPrefix: 'desk/assets/',
          prune: false,
          cacheControl: [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.days(365)), s3deploy.CacheControl.immutable()],
        })
      : undefined;
    const pages = new s3deploy.BucketDeployment(this, 'Pages', {
      sources: [s3deploy.Source.asset(this.buildDir, { exclude: ['assets/**'] }), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'desk/',
      // The bundles are another upload's: pruning leaves them alone.
      exclude: ['assets/*'],
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/desk/*'],
    });
    // A page names bundles that must be there first.
    if (bundles) pages.node.addDependency(bundles);
    this.acknowledgeUploader();
  }

  /** The function CDK's BucketDeployment runs to copy the build, once per stack, with the role CDK gives it. */
  private acknowledgeUploader(): void {
    const stack = Stack.of(this);
    const uploader = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!uploader) throw new Error('DeskHosting: the BucketDeployment function was not found in the stack');
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const assetBucket = `arn:${shown(stack.partition, 'Partition')}:s3:::cdk-hnb659fds-assets-${shown(stack.account, 'AccountId')}-${shown(stack.region, 'Region')}/*`;
    const deskBucket = `<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`;
    const copying = 'CDK\'s BucketDeployment copies the desk build from the CDK asset bucket to the desk bucket:';
    Validations.of(uploader).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${copying} its role, made by CDK, writes its logs with this AWS-managed policy, which holds CloudWatch Logs actions only. It runs during deployments only.`,
      },
      ...['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', `Resource::${assetBucket}`].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `${copying} it reads the objects of the asset bucket (the build arrives there as a zip under a generated name), and only that bucket.`,
      })),
      ...['Action::s3:Abort*', 'Action::s3:DeleteObject*', `Resource::${deskBucket}`].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `${copying} it writes, replaces and prunes the desk's files in the desk bucket, and only that bucket.`,
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${copying} cloudfront:CreateInvalidation and GetInvalidation, which it needs to make the distribution forget the previous pages, are granted by CDK on all distributions.`,
      },
      {
        id: 'AwsSolutions-L1',
        reason: `${copying} the function is CDK's own (Python, with the AWS CLI in a layer), its runtime chosen by the aws-cdk-lib release; upgrading aws-cdk-lib moves it on.`,
      },
    );
  }
}

/**
 * A CloudFront Function, not custom error responses: error responses apply
 * to the whole distribution, so an API's 403 or 404 under /v1/* would become
 * the desk's page with a 200. `/` and `/desk` go to `/desk/`; a path under
 * `/desk/` without a file extension is a page of the app, served its
 * `index.html`.
 */
function deskPages(scope: Construct): cloudfront.Function {
  return new cloudfront.Function(scope, 'DeskPages', {
    comment: 'Serves the desk app for its page paths',
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(`
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/desk') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/desk/' } } };
  }
  if (uri.indexOf('/desk/') === 0 && uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    request.uri = '/desk/index.html';
  }
  return request;
}`),
  });
}

const headersPolicies = new WeakMap<Construct, cloudfront.ResponseHeadersPolicy>();

/** The desk's security headers, one policy for the pages and the API's answers. */
function securityHeaders(scope: Construct): cloudfront.ResponseHeadersPolicy {
  const existing = headersPolicies.get(scope);
  if (existing) return existing;
  const region = Stack.of(scope).region;
  const policy = new cloudfront.ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    comment: 'Stoke desk: CSP without inline scripts, HSTS, nosniff, no framing',
    securityHeadersBehavior: {
      contentSecurityPolicy: {
        // Managed login's pages are on the Cognito domain; the desk fetches the issuer's metadata and the token endpoint.
        contentSecurityPolicy: [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          `connect-src 'self' https://*.amazoncognito.com https://cognito-idp.${region}.amazonaws.com`,
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "form-action 'self' https://*.amazoncognito.com",
        ].join('; '),
        override: true,
      },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      // Lead pages' addresses name leads; other sites learn nothing of them.
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true }],
    },
  });
  headersPolicies.set(scope, policy);
  return policy;
}
