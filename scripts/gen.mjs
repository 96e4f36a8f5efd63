import fs from 'node:fs';
const pkgs = {
  core: { desc: 'Shared Tensor/Frame types, fused preprocessing, ONNX runtime on worker threads, model registry and ffmpeg frame I/O for facepipe.', deps: { 'onnxruntime-node': '^1.30.0', sharp: '^0.35.5', 'fluent-ffmpeg': '^2.1.3' }, optional: { '@ffmpeg-installer/ffmpeg': '^1.1.0', '@ffprobe-installer/ffprobe': '^2.1.2', 'ffmpeg-static': '^5.3.0' }, refs: [] },
  detector: { desc: 'UltraFace and YuNet face detection, NMS, tracking and detection metrics for facepipe.', deps: { '@facepipe/core': '*' }, refs: ['core'] },
  landmarks: { desc: '98-point face landmarks (PFLD/PFPLD), head pose and temporal smoothing for facepipe.', deps: { '@facepipe/core': '*', '@facepipe/detector': '*' }, refs: ['core', 'detector'] },
  segmentation: { desc: 'Portrait segmentation (UNET-style Prisma-Net, SINet), mask post-processing and background compositing for facepipe.', deps: { '@facepipe/core': '*' }, refs: ['core'] },
  quantize: { desc: 'Int8 post-training quantization of ONNX models with accuracy and speed reports, in TypeScript.', deps: { '@facepipe/core': '*', '@facepipe/detector': '*', '@facepipe/landmarks': '*', '@facepipe/segmentation': '*', 'onnx-proto': '^8.0.1' }, refs: ['core', 'detector', 'landmarks', 'segmentation'] },
};
for (const [name, p] of Object.entries(pkgs)) {
  const dir = `packages/${name}`;
  const pj = {
    name: `@facepipe/${name}`, version: '0.1.0', description: p.desc, license: 'MIT', type: 'module', sideEffects: false,
    main: './dist/index.js', types: './dist/index.d.ts',
    exports: { './package.json': './package.json', '.': { '@facepipe/source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' } },
    files: ['dist', '!**/*.tsbuildinfo', '!**/*.spec.*', 'README.md'],
    engines: { node: '>=20.19' },
    scripts: { build: 'tsc -b tsconfig.lib.json', typecheck: 'tsc -p tsconfig.spec.json', test: 'vitest run' },
    dependencies: p.deps, peerDependencies: { rxjs: '^7.8.0' },
    ...(p.optional ? { optionalDependencies: p.optional } : {}),
    repository: { type: 'git', url: 'facepipe', directory: dir },
    keywords: ['face', 'onnx', 'rxjs', 'video', 'edge'],
  };
  fs.writeFileSync(`${dir}/package.json`, JSON.stringify(pj, null, 2) + '\n');
  fs.writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({ files: [], references: [{ path: './tsconfig.lib.json' }, { path: './tsconfig.spec.json' }] }, null, 2) + '\n');
  fs.writeFileSync(`${dir}/tsconfig.lib.json`, JSON.stringify({
    extends: '../../tsconfig.base.json',
    compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/tsconfig.lib.tsbuildinfo', allowJs: true, checkJs: false },
    include: ['src/**/*.ts', 'src/**/*.js'], exclude: ['src/**/*.spec.ts', 'src/**/*.test-d.ts'],
    references: p.refs.map((r) => ({ path: `../${r}/tsconfig.lib.json` })),
  }, null, 2) + '\n');
  fs.writeFileSync(`${dir}/tsconfig.spec.json`, JSON.stringify({
    extends: '../../tsconfig.base.json',
    compilerOptions: { outDir: 'out-tsc/spec', tsBuildInfoFile: 'out-tsc/spec/tsconfig.spec.tsbuildinfo', composite: false, noEmit: true, types: ['node', 'vitest/globals'] },
    include: ['src/**/*.spec.ts', 'src/**/*.test-d.ts', 'vitest.config.ts'],
    references: [{ path: './tsconfig.lib.json' }, ...p.refs.map((r) => ({ path: `../${r}/tsconfig.lib.json` }))],
  }, null, 2) + '\n');
  fs.writeFileSync(`${dir}/vitest.config.ts`, `import { defineConfig } from 'vitest/config';\nimport { sharedConfig } from '../../vitest.shared.js';\n\nexport default defineConfig(sharedConfig());\n`);
  if (!fs.existsSync(`${dir}/src/index.ts`)) fs.writeFileSync(`${dir}/src/index.ts`, `/**\n * @packageDocumentation\n * ${p.desc}\n */\nexport {};\n`);
}
