// The return address of sign-in windows (SignInCallback): no SvelteKit client, one island.
export const csr = false;
