# CPython's unittest, dataclasses, inspect and pprint (which need _ast through ast/inspect) run
# unchanged: a small TestCase suite with a pass, a failure, an error, a skip and an expected
# failure, run by unittest's own loader and text runner; dataclasses, signatures, pformat.
import dataclasses
import inspect
import io
import pprint
import unittest


@dataclasses.dataclass(order=True, frozen=True)
class Point:
    """A point."""
    x: int
    y: int = 0
    tags: list = dataclasses.field(default_factory=list, compare=False)


class Tiny(unittest.TestCase):
    def setUp(self):
        self.p = Point(1, 2)

    def test_dataclass(self):
        self.assertEqual(self.p, Point(1, 2, ['ignored']))
        self.assertLess(Point(1), Point(2))
        self.assertEqual(dataclasses.astuple(self.p), (1, 2, []))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            self.p.x = 5

    def test_failure(self):
        self.assertEqual([1, 2, 3], [1, 2, 4])

    def test_error(self):
        {}['missing']

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertTrue(False)

    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertGreaterEqual(i, 0)

    def test_inspect_pprint(self):
        def f(a, b: int = 1, *args, c, **kw) -> str:
            return ''
        self.assertEqual(str(inspect.signature(f)), "(a, b: int = 1, *args, c, **kw) -> str")
        self.assertEqual(pprint.pformat({'k': list(range(30))}, width=40).count('\n'), 29)
        self.assertIn('def test_inspect_pprint', inspect.getsource(Tiny.test_inspect_pprint))


stream = io.StringIO()
suite = unittest.defaultTestLoader.loadTestsFromTestCase(Tiny)
result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped),
      len(result.expectedFailures), result.wasSuccessful())
for test, tb in result.failures + result.errors:
    print(test.id(), tb.strip().splitlines()[-1])
lines = stream.getvalue().splitlines()
print('\n'.join(line for line in lines if line.startswith('test_')))
print(Point(3, 4), dataclasses.fields(Point)[2].name, Point.__doc__)
pprint.pprint({'b': [1, 2], 'a': {'z': 1, 'y': (1, 2)}})
