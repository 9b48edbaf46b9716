// A reading page: no SvelteKit client; the theme switch is an island (src/lib/islands).
export const csr = false;
