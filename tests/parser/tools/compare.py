#!/usr/bin/env python3
"""Developer tool: parses each snippet with CPython and with minipy's pydump and prints the
differences (AST dump with locations, or the SyntaxError tuple). Usage:
  compare.py PYDUMP_BINARY [file-with-snippets-separated-by-####]"""
import ast, subprocess, sys, tempfile

def cpython(src):
    try:
        return ast.dump(ast.parse(src), include_attributes=True)
    except SyntaxError as e:
        end = e.end_offset if e.end_offset and e.end_offset > 0 else 0
        return f"{type(e).__name__}: {e.msg} ({e.lineno}, {e.offset}, {e.end_lineno}, {end})"

def minipy(binary, src):
    with tempfile.NamedTemporaryFile('w', suffix='.py', delete=False) as f:
        f.write(src)
    r = subprocess.run([binary, '-a', f.name], capture_output=True, text=True)
    return (r.stdout + r.stderr).strip()

def main():
    binary = sys.argv[1]
    text = open(sys.argv[2]).read()
    bad = 0
    snippets = [s.lstrip('\n') for s in text.split('####\n')]
    for s in snippets:
        if not s.strip():
            continue
        a, b = cpython(s), minipy(binary, s)
        if a != b:
            bad += 1
            print('=== ' + repr(s))
            print('  cpython:', a)
            print('  minipy: ', b)
    print(f'{bad} differences in {len(snippets)} snippets')

main()
