// repr() / str() / print() / f-strings of the values samples print, compared with what CPython 3.11
// prints for the same values (each expected string below was produced by python3).
#include "RuntimeTestSupport.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <variant>
#include <vector>

using namespace coroscope;
using namespace coroscope::testing;

namespace {

QString R(const auto &v)
{
    return qs(repr(v));
}
QString S(const auto &v)
{
    return qs(str(v));
}

} // namespace

class TestRepr : public QObject
{
    Q_OBJECT
private slots:
    void ints()
    {
        QCOMPARE(R(0), QString("0"));
        QCOMPARE(R(-7), QString("-7"));
        QCOMPARE(R(std::int64_t(1) << 40), QString("1099511627776"));      // 2**40
        QCOMPARE(R(std::numeric_limits<std::int64_t>::min()), QString("-9223372036854775808"));
        QCOMPARE(R(std::size_t(42)), QString("42"));
        QCOMPARE(S(42), QString("42"));
    }

    void floats_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("python");
        // for v in [...]: print(repr(v))
        QTest::newRow("0.1") << 0.1 << "0.1";
        QTest::newRow("1e16") << 1e16 << "1e+16";
        QTest::newRow("1e-05") << 1e-05 << "1e-05";
        QTest::newRow("2.0") << 2.0 << "2.0";
        QTest::newRow("0.0001") << 0.0001 << "0.0001";
        QTest::newRow("1e15") << 1e15 << "1000000000000000.0";
        QTest::newRow("123456789012345.6") << 123456789012345.6 << "123456789012345.6";
        QTest::newRow("1.5e-7") << 1.5e-7 << "1.5e-07";
        QTest::newRow("-0.0") << -0.0 << "-0.0";
        QTest::newRow("0.0") << 0.0 << "0.0";
        QTest::newRow("0.3") << 0.3 << "0.3";
        QTest::newRow("1/3") << 1.0 / 3 << "0.3333333333333333";
        QTest::newRow("0.1+0.2") << 0.1 + 0.2 << "0.30000000000000004";
        QTest::newRow("1e22") << 1e22 << "1e+22";
        QTest::newRow("5e-324") << 5e-324 << "5e-324";
        QTest::newRow("max") << 1.7976931348623157e308 << "1.7976931348623157e+308";
        QTest::newRow("100.0") << 100.0 << "100.0";
        QTest::newRow("12345.678") << 12345.678 << "12345.678";
        QTest::newRow("-2.5") << -2.5 << "-2.5";
        QTest::newRow("9999999999999998.0") << 9999999999999998.0 << "9999999999999998.0";
        QTest::newRow("0.00012345") << 0.00012345 << "0.00012345";
        QTest::newRow("inf") << std::numeric_limits<double>::infinity() << "inf";
        QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << "-inf";
        QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "nan";
    }
    void floats()
    {
        QFETCH(double, value);
        QFETCH(QString, python);
        QCOMPARE(R(value), python);
        QCOMPARE(S(value), python); // str(float) is repr(float) in Python 3
    }

    void strings_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("python");
        // for s in [...]: print(repr(s))
        QTest::newRow("plain") << "foo" << "'foo'";
        QTest::newRow("single quote") << "it's" << "\"it's\"";
        QTest::newRow("double quotes") << "say \"hi\"" << "'say \"hi\"'";
        QTest::newRow("both") << "both ' and \"" << "'both \\' and \"'";
        QTest::newRow("tab") << "tab\there" << "'tab\\there'";
        QTest::newRow("newline") << "new\nline" << "'new\\nline'";
        QTest::newRow("carriage return") << "a\rb" << "'a\\rb'";
        QTest::newRow("backslash") << "back\\slash" << "'back\\\\slash'";
        QTest::newRow("control") << "\x01\x7f" << "'\\x01\\x7f'";
        QTest::newRow("non-ASCII") << QString::fromUtf8("café 收到") << QString::fromUtf8("'café 收到'");
        QTest::newRow("empty") << "" << "''";
    }
    void strings()
    {
        QFETCH(QString, value);
        QFETCH(QString, python);
        const std::string s = value.toStdString();
        QCOMPARE(R(s), python);
        QCOMPARE(R(std::string_view(s)), python);
        QCOMPARE(R(s.c_str()), python);
        QCOMPARE(S(s), value); // str() of a str is the text itself
    }

    void containers()
    {
        // print(repr([1, 2, 3]), repr([]), repr((1,)), repr((1, 'a')), repr(()), repr([None, 'x', 2.5]))
        QCOMPARE(R(std::vector{1, 2, 3}), QString("[1, 2, 3]"));
        QCOMPARE(R(std::vector<int>{}), QString("[]"));
        QCOMPARE(R(std::tuple<int>{1}), QString("(1,)"));
        QCOMPARE(R(std::tuple<int, std::string>{1, "a"}), QString("(1, 'a')"));
        QCOMPARE(R(std::tuple<>{}), QString("()"));
        QCOMPARE(R(std::pair<int, double>{1, 2.0}), QString("(1, 2.0)"));
        using Item = std::variant<None_t, std::string, double>;
        QCOMPARE(R(std::vector<Item>{None, std::string("x"), 2.5}), QString("[None, 'x', 2.5]"));
        // print(repr({'a': 1, 'b': 2}), repr({}), repr([[1, 2], []]), str(['x']))
        QCOMPARE(R(std::map<std::string, int>{{"a", 1}, {"b", 2}}), QString("{'a': 1, 'b': 2}"));
        QCOMPARE(R(std::map<std::string, int>{}), QString("{}"));
        QCOMPARE(R(std::vector<std::vector<int>>{{1, 2}, {}}), QString("[[1, 2], []]"));
        QCOMPARE(S(std::vector<std::string>{"x"}), QString("['x']")); // str(list) shows reprs
        QCOMPARE(S(std::vector<double>{1.0, 0.5}), QString("[1.0, 0.5]"));
    }

    void noneBoolOptionalVariant()
    {
        QCOMPARE(R(None), QString("None"));
        QCOMPARE(S(None), QString("None"));
        QCOMPARE(R(true), QString("True"));
        QCOMPARE(R(false), QString("False"));
        QCOMPARE(S(true), QString("True"));
        QCOMPARE(R(std::optional<int>{}), QString("None"));
        QCOMPARE(R(std::optional<int>{5}), QString("5"));
        QCOMPARE(R(std::optional<std::string>{"s"}), QString("'s'"));
        // A variant shows as the value it holds: repr and str like that value's.
        std::variant<int, std::string> v = 88;
        QCOMPARE(R(v), QString("88"));
        QCOMPARE(S(v), QString("88"));
        v = std::string("FOO");
        QCOMPARE(R(v), QString("'FOO'"));
        QCOMPARE(S(v), QString("FOO"));
    }

    void exceptions()
    {
        // print(repr(ValueError('bad job')), repr(ValueError()), str(ValueError("it's")), repr(ValueError("it's")))
        QCOMPARE(qs(ValueError("bad job").repr()), QString("ValueError('bad job')"));
        QCOMPARE(qs(ValueError().repr()), QString("ValueError()"));
        QCOMPARE(qs(ValueError("it's").repr()), QString("ValueError(\"it's\")"));
        QCOMPARE(qs(ValueError("bad job").describe()), QString("ValueError: bad job"));
        QCOMPARE(qs(CancelledError().describe()), QString("CancelledError"));
        QCOMPARE(qs(reprException(std::make_exception_ptr(KeyError("k")))), QString("KeyError('k')"));
        // try: raise StopIteration('done')  except StopIteration as e: print(repr(e.value), e)
        const StopIteration stop("'done'", "done");
        QCOMPARE(qs(stop.valueRepr()), QString("'done'"));
        QCOMPARE(qs(stop.what()), QString("done"));
        QCOMPARE(qs(StopIteration().describe()), QString("StopIteration"));
        // Python's hierarchy: CancelledError is not an Exception (BaseException since 3.8).
        bool caughtAsException = false;
        try {
            throw CancelledError();
        } catch (const Exception &) {
            caughtAsException = true;
        } catch (const CancelledError &) {
        }
        QVERIFY(!caughtAsException);
    }

    void printAndFStrings()
    {
        // print("a", 1, 2.5, None, True, [1, 'b'], "it's")
        // print(f"{2.0} {True} {1e16} {0.1 + 0.2} {3}")
        // print(f"{2.0:.1f} {2.5:.0f} {1/3:.3f} {7:03d}")
        // -> a 1 2.5 None True [1, 'b'] it's / 2.0 True 1e+16 0.30000000000000004 3 / 2.0 2 0.333 007
        const auto r = runProgram([] {
            using Item = std::variant<int, std::string>;
            print("a", 1, 2.5, None, true, std::vector<Item>{1, std::string("b")}, "it's");
            print(f("{} {} {} {} {}", 2.0, true, 1e16, 0.1 + 0.2, 3));
            print(f("{:.1f} {:.0f} {:.3f} {:03d}", 2.0, 2.5, 1.0 / 3, 7));
        });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"a 1 2.5 None True [1, 'b'] it's", "2.0 True 1e+16 0.30000000000000004 3",
                                        "2.0 2 0.333 007"}));
    }
};

QTEST_GUILESS_MAIN(TestRepr)
#include "tst_repr.moc"
