// Jest runs CommonJS; a few dependencies (jose 6, openid-client 6 and its oauth4webapi) ship only ES modules. Node itself loads them through
// require(esm), Jest's module system cannot, so their files are rewritten to CommonJS for tests only.
const ts = require('typescript');

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText } = ts.transpileModule(sourceText, {
      fileName: sourcePath,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
      },
    });
    return { code: outputText };
  },
};
