// @ts-check
// cognito-local 5.3.0 as an in-process library rather than a child server: its targets (SignUp, ConfirmSignUp,
// AdminCreateUser, groups, attributes, Describe/List, ...) run on the sandbox's own documents (store.js), message
// sender and token issuer. One process, one port, one copy of every user, and no child process to leak. (Managed
// login and the OAuth2 endpoints are the sandbox's own: oauth2.js.)
import { selectAppropriateDeliveryMethod } from 'cognito-local/lib/services/messageDelivery/deliveryMethod.js';
import { MessageDeliveryService } from 'cognito-local/lib/services/messageDelivery/messageDelivery.js';
import { MessagesService } from 'cognito-local/lib/services/messages.js';
import { Router } from 'cognito-local/lib/server/Router.js';
import { DateClock } from 'cognito-local/lib/services/clock.js';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js';
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService.js';
import { isSupportedTarget } from 'cognito-local/lib/targets/Target.js';
import { fromCognitoLocal } from './errors.js';

/** @type {any} cognito-local logs through pino; the sandbox prints what matters itself. */
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const ctx = { logger: quiet };

/**
 * @typedef {object} CodeMessage
 * @property {string} username
 * @property {string} destination
 * @property {string} code
 * @property {string} [purpose] what the code is for, when it is not a confirmation code (e.g. "MFA code")
 */

/**
 * @param {{
 *   folder: import('./store.js').DocumentFolder,
 *   confirmationCode: string,
 *   tokenGenerator: {generate: (...args: any[]) => Promise<{AccessToken: string, IdToken: string, RefreshToken: string}>},
 *   onCodeSent: (message: CodeMessage) => void
 * }} options
 */
export async function startCognitoLocal({ folder, confirmationCode, tokenGenerator, onCodeSent }) {
  const clock = new DateClock();
  // Lambda triggers are not supported by the sandbox.
  const triggers = /** @type {any} */ ({ enabled: () => false });
  const cognito = await new CognitoServiceFactoryImpl(
    folder.path,
    /** @type {any} */ (folder),
    new UserPoolServiceFactoryImpl(clock, /** @type {any} */ (folder))
  ).create(ctx, { UsernameAttributes: [] });

  /** @param {unknown} _ctx @param {any} user @param {string} destination @param {{__code?: string}} message */
  const print = (_ctx, user, destination, message) => {
    onCodeSent({ username: user.Username, destination, code: message.__code ?? '' });
    return Promise.resolve();
  };
  const messages = new MessagesService(
    triggers,
    new MessageDeliveryService({ sendEmail: print, sendSms: print })
  );
  const services = /** @type {any} */ ({
    clock,
    cognito,
    config: { UserPoolDefaults: { UsernameAttributes: [] } },
    messages,
    otp: () => confirmationCode,
    tokenGenerator,
    triggers
  });
  const route = Router(services);

  return {
    confirmationCode,

    /** @param {string} operation */
    supports: (operation) => isSupportedTarget(operation),

    /**
     * Runs one cognito-local target; its errors come back Cognito-shaped.
     * @param {string} operation
     * @param {Record<string, unknown>} body
     */
    async call(operation, body) {
      try {
        return await route(operation)(ctx, body);
      } catch (error) {
        throw fromCognitoLocal(error);
      }
    },

    /**
     * Sends a confirmation code the way SignUp does (to the pool's auto-verified attribute).
     * @param {{poolId: string, clientId: string, user: any, autoVerified: string[]}} input
     * @returns {Promise<{AttributeName: string, DeliveryMedium: string, Destination: string} | null>}
     */
    async sendConfirmationCode({ poolId, clientId, user, autoVerified }) {
      const details = selectAppropriateDeliveryMethod(autoVerified, user);
      if (details) {
        await messages.deliver(ctx, 'ResendCode', clientId, poolId, user, confirmationCode, {}, details);
      }
      return details;
    }
  };
}

/** @typedef {Awaited<ReturnType<typeof startCognitoLocal>>} CognitoLocal */
