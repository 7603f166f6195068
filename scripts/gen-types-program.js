'use strict';
// Writes __test__/types/all-members.ts: a program that touches every public member of
// whatsapp-web.js's index.d.ts (1.34.7, from node_modules), each on its own line and with the
// type whatsapp-web.js declares for it, so that compiling the program against whatsapp-web-rs
// (the import changed, as __test__/types.test.js does) says which members our index.d.ts lacks or
// types differently.
//
//   node scripts/gen-types-program.js          rewrites the file
//   node scripts/gen-types-program.js --check  exits 1 when the committed file differs
//
// What each kind of member becomes (every line ends with `// <key>`, the key the test's
// __test__/types/all-members.missing.json uses):
//   export X                  one line of the import: the name is exported
//   X extends B               `const …: B = <an X>;`
//   property X.p: T           `const …: T = x.p;` (T | undefined when optional); for the option
//                             objects a program passes in (interfaces named …Options), the other
//                             way round: `const …: X['p'] = given<T>();`
//   method X.m(…): R          `const …: (…) => R = x.m;` — one line per overload, keyed
//                             X.m('literal') by its first parameter when that is a literal, else X.m#n
//   constructor of X          `const …: new (…) => X = X;`
//   enum member E.M = v       `const …: v = E.M;` (E.M when it has no literal value)
//   constant C: T             `const …: T = C;`
//   type alias X = T          a value of either is a value of the other (object type aliases:
//                             their members, as for an interface)
// A type that names something from outside whatsapp-web.js's namespace and the standard library
// (puppeteer's Page, node-fetch's RequestInit, the untyped InterfaceController) cannot be written
// in the program; such a member is read without a type: `void x.p;`.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const SOURCE = path.join(ROOT, 'node_modules', 'whatsapp-web.js', 'index.d.ts');
const OUTPUT = path.join(ROOT, '__test__', 'types', 'all-members.ts');

// Names a type may use besides whatsapp-web.js's own: TypeScript's standard library and Node's.
const GLOBALS = new Set([
    'Array', 'ReadonlyArray', 'Promise', 'Record', 'Partial', 'Required', 'Pick', 'Omit', 'Readonly',
    'Date', 'Error', 'Buffer', 'Map', 'Set', 'Object', 'Function', 'Uint8Array', 'ArrayBuffer',
    'NodeJS', 'Exclude', 'Extract', 'ReturnType', 'Parameters', 'NonNullable', 'RegExp',
    'String', 'Number', 'Boolean',
    // The DOM's Event (whatsapp-web.js's Message.editScheduledEvent takes one; it means ScheduledEvent).
    'Event',
]);
// Outside names the program imports itself (not from whatsapp-web.js).
const IMPORTED = { EventEmitter: "import { EventEmitter } from 'events';" };

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function generate(text = fs.readFileSync(SOURCE, 'utf8')) {
    const sf = ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.ES2022, true);
    const ns = sf.statements.find((s) => ts.isModuleDeclaration(s) && s.name.text === 'WAWebJS');
    if (!ns) throw new Error('no `declare namespace WAWebJS` in whatsapp-web.js index.d.ts');
    const decls = ns.body.statements;
    const nameOf = (d) => (ts.isVariableStatement(d) ? d.declarationList.declarations[0].name.text : d.name.text);
    const exported = new Set(decls.map(nameOf));
    const byName = new Map(decls.map((d) => [nameOf(d), d]));

    const print = (node) => printer.printNode(ts.EmitHint.Unspecified, node, sf).replace(/\s+/g, ' ').trim();
    // Whether a type node names only whatsapp-web.js's exports, globals and type parameters in scope.
    const usedImports = new Set();
    function writable(node, typeParams) {
        let ok = true;
        const visit = (n) => {
            let name;
            if (ts.isTypeReferenceNode(n) || ts.isExpressionWithTypeArguments(n)) name = n.typeName ?? n.expression;
            else if (ts.isTypeQueryNode(n)) name = n.exprName;
            if (name) {
                while (ts.isQualifiedName(name) || ts.isPropertyAccessExpression(name)) name = name.left ?? name.expression;
                const id = name.text;
                if (IMPORTED[id]) usedImports.add(id);
                else if (!exported.has(id) && !GLOBALS.has(id) && !typeParams.has(id)) ok = false;
            }
            ts.forEachChild(n, visit);
        };
        visit(node);
        return ok;
    }
    const typeText = (node, self) => (node ? print(node).replace(/\bthis\b/g, self) : 'any');
    const paramsText = (params, self) =>
        params
            .map((p, i) => `${p.dotDotDotToken ? '...' : ''}p${i}${p.questionToken ? '?' : ''}: ${typeText(p.type, self)}`)
            .join(', ');
    const typeParamsOf = (node) => new Set((node.typeParameters ?? []).map((t) => t.name.text));
    const typeParamsText = (node, self) =>
        node.typeParameters ? `<${node.typeParameters.map((t) => print(t).replace(/\bthis\b/g, self)).join(', ')}>` : '';
    const signature = (node, self) => `${typeParamsText(node, self)}(${paramsText(node.parameters, self)}) => ${typeText(node.type, self)}`;
    const signatureWritable = (node, outer) => {
        const tps = new Set([...outer, ...typeParamsOf(node)]);
        return [...node.parameters.map((p) => p.type), node.type, ...(node.typeParameters ?? [])].every((t) => !t || writable(t, tps));
    };

    // The option objects a program passes to whatsapp-web.js (ClientOptions, MessageSendOptions, …):
    // their properties are checked the other way round, as things given rather than read.
    const isInput = (owner) => /Options$/.test(owner) && ts.isInterfaceDeclaration(byName.get(owner));
    const lines = [];
    let n = 0;
    const id = (...parts) => `${parts.join('_').replace(/[^A-Za-z0-9_$]/g, '_')}_${++n}`;
    const emit = (code, key) => lines.push(`${code} // ${key}`);

    // The members of a class, an interface or an object type alias, read from `value`.
    function members(owner, list, value, outer) {
        const groups = new Map();
        for (const m of list) {
            if (m.modifiers?.some((k) => k.kind === ts.SyntaxKind.PrivateKeyword || k.kind === ts.SyntaxKind.ProtectedKeyword)) continue;
            if (ts.isConstructorDeclaration(m) || ts.isConstructSignatureDeclaration(m)) continue;
            if (ts.isIndexSignatureDeclaration(m)) {
                // An entry under any key, e.g. AddParticipantsResult's one per participant.
                const k = m.parameters[0];
                const sample = print(k.type) === 'number' ? '0' : "'key'";
                if (!writable(m.type, outer)) emit(`void ${value}[${sample}];`, `${owner}[${print(k.type)}]`);
                else emit(`const ${id(owner, 'entry')}: ${typeText(m.type, owner)} = ${value}[${sample}];`, `${owner}[${print(k.type)}]`);
                continue;
            }
            if (!m.name) throw new Error(`${owner}: a member without a name (${ts.SyntaxKind[m.kind]}) is not handled`);
            const name = m.name.text ?? print(m.name);
            if (!groups.has(name)) groups.set(name, []);
            groups.get(name).push(m);
        }
        for (const [name, group] of groups) {
            const access = /^[A-Za-z_$][\w$]*$/.test(name) ? `${value}.${name}` : `${value}[${JSON.stringify(name)}]`;
            const isStatic = group[0].modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword);
            const self = isStatic ? `${owner}.` : `${owner}.`;
            const read = isStatic ? `${owner}.${name}` : access;
            group.forEach((m, i) => {
                let key = `${self}${name}`;
                if (group.length > 1) {
                    const first = m.parameters?.[0]?.type;
                    key += first && ts.isLiteralTypeNode(first) ? `(${print(first)})` : `#${i + 1}`;
                }
                if (ts.isMethodSignature(m) || ts.isMethodDeclaration(m)) {
                    if (!signatureWritable(m, outer)) return emit(`void ${read};`, key);
                    emit(`const ${id(owner, name)}: ${signature(m, owner)} = ${read};`, key);
                } else if (ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) {
                    if (m.type && !writable(m.type, outer)) return emit(`void ${read};`, key);
                    const t = typeText(m.type, owner);
                    if (isInput(owner)) {
                        // What a program passes in: whatever whatsapp-web.js accepts must be accepted.
                        const given = m.questionToken ? `(${t}) | undefined` : t;
                        return emit(`const ${id(owner, name)}: ${owner}[${JSON.stringify(name).replace(/"/g, "'")}] = given<${given}>();`, key);
                    }
                    emit(`const ${id(owner, name)}: ${m.questionToken ? `(${t}) | undefined` : t} = ${read};`, key);
                } else {
                    throw new Error(`${owner}.${name}: ${ts.SyntaxKind[m.kind]} is not handled`);
                }
            });
        }
    }

    // A class's construct signatures: its own, else its base class's (within the namespace), else none.
    function constructors(cls) {
        for (let c = cls; c; ) {
            const own = c.members.filter(ts.isConstructorDeclaration);
            if (own.length) return own;
            const base = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
            c = base && ts.isIdentifier(base.expression) ? byName.get(base.expression.text) : null;
            if (c && !ts.isClassDeclaration(c)) c = null;
        }
        return [];
    }

    for (const d of decls) {
        const name = nameOf(d);
        if (ts.isClassDeclaration(d) || ts.isInterfaceDeclaration(d)) {
            const tps = typeParamsOf(d);
            if (tps.size) throw new Error(`${name}: generic types are not handled`);
            const value = `${name[0].toLowerCase()}${name.slice(1)}_`;
            lines.push('', `declare const ${value}: ${name};`);
            for (const h of d.heritageClauses ?? []) {
                for (const base of h.types) {
                    if (!writable(base, tps)) continue;
                    emit(`const ${id(name, 'is', print(base))}: ${print(base)} = ${value};`, `${name} extends ${print(base)}`);
                }
            }
            if (ts.isClassDeclaration(d)) {
                const abstract = d.modifiers?.some((k) => k.kind === ts.SyntaxKind.AbstractKeyword) ? 'abstract ' : '';
                const ctors = constructors(d);
                if (!ctors.length) emit(`const ${id(name, 'new')}: ${abstract}new () => ${name} = ${name};`, `new ${name}`);
                ctors.forEach((c, i) => {
                    const key = ctors.length > 1 ? `new ${name}#${i + 1}` : `new ${name}`;
                    if (!signatureWritable(c, tps)) return emit(`void ${name};`, key);
                    emit(`const ${id(name, 'new')}: ${abstract}new (${paramsText(c.parameters, name)}) => ${name} = ${name};`, key);
                });
            }
            members(name, d.members, value, tps);
        } else if (ts.isEnumDeclaration(d)) {
            lines.push('');
            for (const m of d.members) {
                const init = m.initializer;
                const literal = init && (ts.isStringLiteral(init) || ts.isNumericLiteral(init) ||
                    (ts.isPrefixUnaryExpression(init) && ts.isNumericLiteral(init.operand)));
                const t = literal ? print(init) : `${name}.${m.name.text}`;
                emit(`const ${id(name, m.name.text)}: ${t} = ${name}.${m.name.text};`, `${name}.${m.name.text}`);
            }
        } else if (ts.isTypeAliasDeclaration(d)) {
            const tps = typeParamsOf(d);
            if (tps.size) throw new Error(`${name}: generic types are not handled`);
            lines.push('');
            if (ts.isTypeLiteralNode(d.type)) {
                const value = `${name[0].toLowerCase()}${name.slice(1)}_`;
                lines.push(`declare const ${value}: ${name};`);
                members(name, d.type.members, value, tps);
            } else {
                if (!writable(d.type, tps)) throw new Error(`${name}: its type names something outside whatsapp-web.js`);
                const ours = id(name, 'value');
                const theirs = id(name, 'declared');
                lines.push(`declare const ${ours}: ${name};`);
                lines.push(`declare const ${theirs}: ${print(d.type)};`);
                emit(`const ${id(name, 'from')}: ${print(d.type)} = ${ours};`, `${name} (as declared)`);
                emit(`const ${id(name, 'to')}: ${name} = ${theirs};`, `${name} (accepts what whatsapp-web.js's does)`);
            }
        } else if (ts.isVariableStatement(d)) {
            lines.push('');
            for (const v of d.declarationList.declarations) {
                if (v.type && !writable(v.type, new Set())) emit(`void ${v.name.text};`, v.name.text);
                else emit(`const ${id(v.name.text)}: ${typeText(v.type, '')} = ${v.name.text};`, v.name.text);
            }
        } else {
            throw new Error(`${name}: ${ts.SyntaxKind[d.kind]} is not handled`);
        }
    }

    const version = require(path.join(path.dirname(SOURCE), 'package.json')).version;
    const header = [
        '// GENERATED by scripts/gen-types-program.js from whatsapp-web.js ' + version + "'s index.d.ts: do not edit.",
        '// Touches every public member of whatsapp-web.js\'s types with the type whatsapp-web.js declares for',
        '// it, one member a line (the key after `//`). Type-checked, never run: __test__/types.test.js',
        '// compiles it against whatsapp-web.js (no error allowed) and, with the import changed, against',
        '// whatsapp-web-rs, whose errors must be exactly the members listed in all-members.missing.json.',
        '/* eslint-disable */',
        ...[...usedImports].sort().map((k) => IMPORTED[k]),
        'import {',
        ...[...exported].map((name) => `    ${name}, // export ${name}`),
        "} from 'whatsapp-web.js';",
        '',
        '/** A value of type T (for option properties: what a program may pass). */',
        'declare function given<T>(): T;',
    ];
    return `${[...header, ...lines].join('\n')}\n\nexport {};\n`;
}

if (require.main === module) {
    const text = generate();
    if (process.argv.includes('--check')) {
        const same = fs.existsSync(OUTPUT) && fs.readFileSync(OUTPUT, 'utf8') === text;
        if (!same) console.error(`${path.relative(ROOT, OUTPUT)} is out of date: node scripts/gen-types-program.js`);
        process.exit(same ? 0 : 1);
    }
    fs.writeFileSync(OUTPUT, text);
    console.log(`wrote ${path.relative(ROOT, OUTPUT)} (${text.split('\n').filter((l) => / \/\/ /.test(l) && !/\/\/ export /.test(l)).length} members)`);
}

module.exports = { generate, SOURCE, OUTPUT };
