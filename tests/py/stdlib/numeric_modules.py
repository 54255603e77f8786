# decimal (CPython's _pydecimal), fractions, statistics, numbers and copy over minipy's runtime.
import copy, decimal, fractions, statistics, numbers
from decimal import Decimal, getcontext, localcontext
from fractions import Fraction
print(Decimal("1.1") + Decimal("2.2"), Decimal(1) / Decimal(7), Decimal("0.1") * 3, Decimal(2).sqrt())
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(3), getcontext().prec)
print(getcontext().prec, Decimal("1e-3").quantize(Decimal("0.01")), Decimal(3.5), round(Decimal("2.675"), 2))
try:
    Decimal(1) / Decimal(0)
except decimal.DivisionByZero as e:
    print("DivisionByZero", type(e).__mro__[1].__name__)
print(Fraction(3, 4) + Fraction(1, 4), Fraction("2/6"), Fraction(0.5), Fraction(1, 3) ** 2, Fraction(7, 2).limit_denominator(1))
print(Fraction(1, 3) == 1 / 3, Fraction(1, 2) < 0.6, float(Fraction(22, 7)), Fraction(Decimal("0.25")), abs(Fraction(-1, 2)))
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), statistics.mode([1, 1, 2]), statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]))
print(statistics.mean([Fraction(1, 2), Fraction(1, 3)]), statistics.fmean([1.5, 2.5]), statistics.variance([1.0, 2.0, 4.0]))
print(statistics.mean([Decimal("1.5"), Decimal("2.5")]), statistics.median_low([1, 3, 5, 7]), statistics.quantiles(range(1, 11), n=4))
print(isinstance(Fraction(1, 2), numbers.Rational), isinstance(Decimal(1), numbers.Number), isinstance(2, numbers.Integral))
z = 1 + 2j
print(copy.copy(z), copy.deepcopy([z, Fraction(1, 3), Decimal("1.5")]), copy.copy(Fraction(2, 3)))
print(complex(Fraction(1, 2)), complex(Decimal("1.5")), Fraction(1, 2) + 1j, Decimal(5).as_integer_ratio())
