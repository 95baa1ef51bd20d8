import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { type Group, groups } from '../../functions/auth/caller.ts';
import type { BoundFunction } from './bound-function.ts';

const groupDescriptions: Record<Group, string> = {
  rep: 'Sales reps: work the leads handed to them',
  manager: "Sales managers: everything reps may do, the reps roster, and exports and erasures of their own team's leads",
  privacy: 'Data protection: exports and erasures of any lead on request, and the privacy audit trail',
  marketing: "Marketing: the nurture journeys' figures, the machine filter's audit, the funnel by source and consent (managers see them too)",
};

/** What the desk needs to sign people in with Cognito's managed login (the desk's `config.json`). */
export type DeskSignIn = {
  /** The OpenID Connect issuer: the user pool's provider URL. */
  readonly authority: string;
  readonly clientId: string;
  /** Where managed login answers: https://<prefix>.auth.<region>.amazoncognito.com */
  readonly domain: string;
};

/** The admin actions a function that manages reps' sign-ins is granted on the pool, and no others. */
export const signInManagerActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
] as const;

/**
 * Who works the sales desk: the Cognito user pool of reps, managers and the
 * privacy group (data protection), their groups, the desk's app client with
 * managed login and the authorizer API Gateway runs before every route that
 * needs a signed-in user. People are invited, never sign up.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  private salesDeskAuthorizer?: apigateway.CognitoUserPoolsAuthorizer;
  private deskClient?: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: 'stoke-sales-desk',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address takes effect once verified, so nobody signs in with one they do not own.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Managed login shows no link to this text; the README says where the desk is.
      userInvitation: {
        emailSubject: 'Your sign-in to the Stoke sales desk',
        emailBody:
          'Your manager has added you to the Stoke sales desk. Sign in with {username} and the temporary password {####}; you will choose your own password then. The temporary password expires in 3 days.',
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // What full-function threat protection does; Cognito sends no notices
    // because Stoke's SES identity is optional.
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'ThreatResponses', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: { actions: { eventAction: 'BLOCK' } },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          highAction: { eventAction: 'MFA_REQUIRED', notify: false },
        },
      },
    });

    for (const group of groups) {
      this.userPool.addGroup(`Group-${group}`, { groupName: group, description: groupDescriptions[group] });
    }

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional by product decision: invited reps enrol a TOTP app themselves. Full-function threat protection asks for the second factor on medium-risk sign-ins, refuses high-risk sign-ins of people without one, and blocks compromised passwords.',
    });
  }

  /** The desk's app client; `addDeskSignIn` makes it. */
  get salesDeskClient(): cognito.UserPoolClient {
    if (!this.deskClient) throw new Error('Identity: addDeskSignIn has not been called, so the sales desk has no app client');
    return this.deskClient;
  }

  /**
   * The desk's sign-in: a public app client (no secret: it runs in the
   * browser) using the authorization code grant with PKCE through Cognito's
   * managed login on a Cognito domain, sending people back to `deskUrl`.
   * Made once the desk's address is known, which depends on the API, which
   * depends on this pool's authorizer.
   */
  addDeskSignIn(deskUrl: string): DeskSignIn {
    const client = this.userPool.addClient('SalesDesk', {
      userPoolClientName: 'stoke-sales-desk',
      generateSecret: false,
      // Managed login signs people in; SRP stays for scripts, keeping the password off the wire. Refresh tokens are always allowed.
      authFlows: { userSrp: true },
      oAuth: {
        // With no secret, the PKCE verifier is what ties the code to the browser that asked for it: oidc-client-ts always sends a
        // challenge, and Cognito then refuses the code without the verifier (it does not make a client use PKCE; the desk must).
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [deskUrl],
        logoutUrls: [deskUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day: people sign in again, with their second factor, each morning.
      refreshTokenValidity: Duration.hours(12),
      // The address is changed by a manager, not by its owner.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    // Prefixes are unique per region across all accounts: the stack's name and account make this one unlikely to be taken.
    const domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: `${Stack.of(this).stackName.toLowerCase()}-desk-${Stack.of(this).account}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows a client's pages only once the client has a style; Cognito's own.
    new cognito.CfnManagedLoginBranding(this, 'SignInStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    this.deskClient = client;
    return { authority: this.userPool.userPoolProviderUrl, clientId: client.userPoolClientId, domain: domain.baseUrl() };
  }

  /** Lets a function invite reps, add them to the `rep` group and disable and enable their sign-ins, on this pool only. */
  bindSignInManager(fn: BoundFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: [...signInManagerActions], resources: [this.userPool.userPoolArn] }));
  }

  /**
   * API Gateway's check of the ID token in the `Authorization` header:
   * signature, expiry and issuer (this pool); it does not check the
   * audience, so the desk's client's ID tokens pass. Methods name no OAuth
   * scopes: with scopes, API Gateway would want access tokens instead.
   * Made on first use: CDK refuses an authorizer no method uses, which an
   * API of public routes only would otherwise leave behind.
   */
  get authorizer(): apigateway.IAuthorizer {
    this.salesDeskAuthorizer ??= new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: 'stoke-sales-desk',
      cognitoUserPools: [this.userPool],
      identitySource: apigateway.IdentitySource.header('Authorization'),
    });
    return this.salesDeskAuthorizer;
  }
}
