// as-pect (AssemblyScript unit tests): tests/assembly/*.spec.ts, compiled with SIMD enabled so
// both kernel sets can be tested side by side.
export default {
  entries: ['tests/assembly/**/*.spec.ts'],
  include: ['tests/assembly/**/*.include.ts'],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
