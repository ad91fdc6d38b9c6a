"""Compiles the user's script with a few calls at function entry, yield and return.

Only generator and coroutine functions change, and only by calls that record and return at once:
  - a generator (or async generator) function gets the decorator `__coroscope__.generator` (resp.
    `async_generator`), which names the lane when the generator is created;
  - its body starts with a call that records the start (or the inline Enter of a coroutine), and is
    wrapped in try/except/finally so that its return value or exception is recorded after the
    user's own finally blocks have run;
  - `yield v` becomes `yield from __coroscope__.yield_(v)` (a generator that records the suspension
    and whatever resumes it: send(x), throw(e), close()), `yield from g` records the delegation;
  - `g.send(x)` becomes `__coroscope__.mark_send(g).send(x)` (and so does `g.close()`): to tell
    send(None) from next(), and close() from a generator finalized when its last reference goes.
Line numbers are kept, so tracebacks, the editor's markers and the trace point at the user's lines.

Why not sys.setprofile: on 3.11 a profile hook cannot see a generator being created, the value
that send() passes in or the exception that leaves a frame, and it costs 3.3x on the switch
workload when on (docs/pytrace.md has the measurements).
"""

import ast
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys

HOOK = "__coroscope__"
RESULT = "__coroscope_result__"
ERROR = "__coroscope_error__"


def _hook(attr, node):
    return ast.copy_location(ast.Attribute(ast.Name(HOOK, ast.Load()), attr, ast.Load()), node)


def _call(attr, args, node):
    return ast.copy_location(ast.Call(_hook(attr, node), args, []), node)


class _ScopeInfo(ast.NodeVisitor):
    """Does this function's own body (not nested functions) contain yield / yield from?"""

    def __init__(self):
        self.yields = False

    def visit_FunctionDef(self, node):
        pass

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef
    visit_ClassDef = visit_FunctionDef

    def visit_Yield(self, node):
        self.yields = True
        self.generic_visit(node)

    visit_YieldFrom = visit_Yield


def _has_yield(fn):
    info = _ScopeInfo()
    for stmt in fn.body:
        info.visit(stmt)
    return info.yields


class _BodyRewriter(ast.NodeTransformer):
    """Rewrites one function's own yields and returns (nested functions are left to the caller)."""

    def __init__(self, kind):
        self.kind = kind  # "generator", "coroutine", "async_generator"

    def visit_FunctionDef(self, node):
        return node

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef
    visit_ClassDef = visit_FunctionDef

    def visit_Return(self, node):
        value = node.value if node.value is not None else ast.copy_location(ast.Constant(None), node)
        value = self.visit(value)
        store = ast.copy_location(ast.Assign([ast.Name(RESULT, ast.Store())], value), node)
        if self.kind == "async_generator":
            return [store, ast.copy_location(ast.Return(None), node)]
        return [store, ast.copy_location(ast.Return(ast.Name(RESULT, ast.Load())), node)]

    def visit_Yield(self, node):
        value = self.visit(node.value) if node.value is not None else ast.copy_location(ast.Constant(None), node)
        if self.kind == "async_generator":
            # No `yield from` in an async generator: record around a plain yield.
            inner = ast.copy_location(ast.Yield(_call("ag_yield", [value], node)), node)
            return _call("ag_resumed", [inner], node)
        return ast.copy_location(ast.YieldFrom(_call("yield_", [value], node)), node)

    def visit_YieldFrom(self, node):
        value = self.visit(node.value)
        inner = ast.copy_location(ast.YieldFrom(_call("yield_from", [value], node)), node)
        return _call("yield_from_done", [inner], node)


def _wrap_body(fn, kind):
    """start(); try: body; result = None / except: error(); raise / finally: if result: end(result)"""
    node = fn.body[0] if fn.body else fn
    start = {"generator": "gen_start", "coroutine": "co_enter", "async_generator": "ag_enter"}[kind]
    end = {"generator": "gen_return", "coroutine": "co_return", "async_generator": "ag_return"}[kind]
    raised = {"generator": "gen_raise", "coroutine": "co_raise", "async_generator": "ag_raise"}[kind]
    rewriter = _BodyRewriter(kind)
    body = []
    for stmt in fn.body:
        out = rewriter.visit(stmt)
        body.extend(out if isinstance(out, list) else [out])
    nothing = _hook("NOTHING", node)
    set_none = ast.copy_location(ast.Assign([ast.Name(RESULT, ast.Store())], ast.copy_location(ast.Constant(None), node)), node)
    body.append(set_none)
    handler = ast.copy_location(ast.ExceptHandler(
        ast.Name("BaseException", ast.Load()), ERROR,
        [ast.copy_location(ast.Assign([ast.Name(RESULT, ast.Store())], nothing), node),
         ast.copy_location(ast.Expr(_call(raised, [ast.Name(ERROR, ast.Load())], node)), node),
         ast.copy_location(ast.Raise(None, None), node)]), node)
    ended = ast.copy_location(ast.If(
        ast.Compare(ast.Name(RESULT, ast.Load()), [ast.IsNot()], [_hook("NOTHING", node)]),
        [ast.copy_location(ast.Expr(_call(end, [ast.Name(RESULT, ast.Load())], node)), node)], []), node)
    wrapped = ast.copy_location(ast.Try(body, [handler], [], [ended]), node)
    init = ast.copy_location(ast.Assign([ast.Name(RESULT, ast.Store())], _hook("NOTHING", node)), node)
    first = ast.copy_location(ast.Expr(_call(start, [], node)), node)
    # A docstring stays the function's first statement.
    doc = []
    if fn.body and isinstance(fn.body[0], ast.Expr) and isinstance(getattr(fn.body[0], "value", None), ast.Constant) \
            and isinstance(fn.body[0].value.value, str):
        doc = [fn.body[0]]
        wrapped.body = wrapped.body[1:]
    fn.body = doc + [init, first, wrapped]


class _ModuleRewriter(ast.NodeTransformer):
    def visit_FunctionDef(self, node):
        self.generic_visit(node)  # nested functions first
        if _has_yield(node):
            _wrap_body(node, "generator")
            node.decorator_list.append(_hook("generator", node))
        return node

    def visit_AsyncFunctionDef(self, node):
        self.generic_visit(node)
        if _has_yield(node):
            _wrap_body(node, "async_generator")
            node.decorator_list.append(_hook("async_generator", node))
        else:
            _wrap_body(node, "coroutine")
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        f = node.func
        if isinstance(f, ast.Attribute) and ((f.attr == "send" and len(node.args) == 1)
                                             or (f.attr == "close" and not node.args)) and not node.keywords:
            f.value = _call("mark_send", [f.value], f.value)
        return node


def instrument(source, filename):
    """The code object of `source` with the hooks in (raises SyntaxError as compile() does)."""
    tree = ast.parse(source, filename)
    tree = _ModuleRewriter().visit(tree)
    ast.fix_missing_locations(tree)
    return compile(tree, filename, "exec", dont_inherit=True)


class _Loader(importlib.machinery.SourceFileLoader):
    """Always from the source: a cached .pyc holds the code without the hooks."""

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        return instrument(importlib.util.decode_source(self.get_data(path)), path)


class UserModuleFinder(importlib.abc.MetaPathFinder):
    """Modules in the script's folder (the user's own) are compiled with the hooks too."""

    def __init__(self, root, on_file):
        self.root = os.path.realpath(root)
        self.on_file = on_file

    def find_spec(self, fullname, path=None, target=None):
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            return None
        origin = os.path.realpath(spec.origin)
        if not origin.startswith(self.root + os.sep) or "site-packages" in origin:
            return None
        self.on_file(spec.origin)
        spec.loader = _Loader(fullname, spec.origin)
        return spec
