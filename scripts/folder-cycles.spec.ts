import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describeCycles, folderEdges } from './folder-cycles';

describe('feature folders under src/ never import each other in a cycle', () => {
  it('holds for src/ (shared rules belong in src/common)', () => {
    expect(describeCycles(folderEdges(resolve(__dirname, '../src')))).toEqual([]);
  });

  describe('the check', () => {
    let root: string;
    const file = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'folder-cycles-'));
      file('main.ts', "import { a } from './a/a';\nimport { c } from './c/c';\n");
      file('common/rule.ts', 'export const rule = 1;\n');
      file('b/b.ts', "import { rule } from '../common/rule';\nexport const b = rule;\n");
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('accepts imports in one direction and ignores the composition root', () => {
      file('a/a.ts', "import { b } from '../b/b';\nexport const a = b;\n");
      expect(describeCycles(folderEdges(root))).toEqual([]);
    });

    it('names a direct cycle, with type-only and nested imports', () => {
      file('a/a.ts', "import { b } from '../b/b';\nexport const a = b;\n");
      file('b/dto/shape.ts', "import type { a } from '../../a/a';\nexport type Shape = typeof a;\n");
      expect(describeCycles(folderEdges(root))).toEqual(['a -> b (a/a.ts); b -> a (b/dto/shape.ts)']);
    });

    it('counts an import of a folder (its index.ts) as an import of that folder', () => {
      file('a/index.ts', "export { a } from './a';\n");
      file('a/a.ts', "import { b } from '../b/b';\nexport const a = b;\n");
      file('b/b.ts', "import { a } from '../a';\nexport const b = 1;\nexport const x = a;\n");
      expect(describeCycles(folderEdges(root))).toEqual(['a -> b (a/a.ts); b -> a (b/b.ts)']);
    });

    it('names a cycle through a third folder', () => {
      file('a/a.ts', "import { b } from '../b/b';\nexport const a = b;\n");
      file('b/b.ts', "import { c } from '../c/c';\nexport const b = c;\n");
      file('c/c.ts', "export { a } from '../a/a';\nexport const c = 1;\n");
      expect(describeCycles(folderEdges(root))).toEqual(['a -> b (a/a.ts); b -> c (b/b.ts); c -> a (c/c.ts)']);
    });
  });
});
