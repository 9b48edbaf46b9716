/** The message /callback (SignInCallback.svelte) posts to the page that opened the sign-in window. */
export const CALLBACK_MESSAGE = 'lens-sign-in-callback';
