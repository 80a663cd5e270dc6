// The layout the host probes run in: a data dir nested a few folders deep (so "../../x" from
// its documents folder lands somewhere we watch), an opened corpus, a renderer folder with
// symlinks pointing out of it, and secrets beside them that must never be read or touched.
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../main/web/start-server';

export const SECRET = 'PROBE-SECRET-OUTSIDE-THE-DATA-DIR';

export interface ProbeSandbox {
  root: string;
  dataDir: string;
  documentsDir: string;
  corpusDir: string;
  rendererDir: string;
  server: RunningServer;
  logged: string[];
}

export async function openProbeSandbox(): Promise<ProbeSandbox> {
  const root = await mkdtemp(join(tmpdir(), 'marginalia-probes-'));
  const dataDir = join(root, 'nest', 'deeper', 'data');
  const corpusDir = join(root, 'corpus');
  const rendererDir = join(root, 'renderer');
  const outside = join(root, 'outside');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await mkdir(corpusDir, { recursive: true });
  await mkdir(join(root, 'sample'));
  await writeFile(join(outside, 'secret.txt'), SECRET);
  await writeFile(join(root, 'secret.txt'), SECRET);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>probe page</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  // Links inside the served folder that point out of it.
  await symlink(join(outside, 'secret.txt'), join(rendererDir, 'assets', 'leak.js'));
  await symlink(outside, join(rendererDir, 'leakdir'));
  await writeFile(join(corpusDir, 'harbour.txt'), 'Harbour report\n\nThe mayor said 40 boats left the harbour on Monday.\n');
  await writeFile(join(corpusDir, 'evil-title.txt'), '../../etc/passwd \\ C:\\Windows <script>alert(1)</script>\n\nA title made of path tricks.\n');
  const logged: string[] = [];
  const server = await startServer({
    port: 0,
    dataDir,
    openPaths: [corpusDir],
    rendererDir,
    sampleCorpusDir: join(root, 'sample'),
    log: (message) => logged.push(message),
  });
  await server.initialLoad;
  return { root, dataDir, documentsDir: join(dataDir, 'documents'), corpusDir, rendererDir, server, logged };
}
