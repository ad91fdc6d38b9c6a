// The string table's open-addressing index: ids dense and stable, each text once, across growth.
#include "trace/StringTable.h"

#include <QTest>

#include <string>
#include <vector>

using namespace coroscope;

class TestStringTable : public QObject
{
    Q_OBJECT
private slots:
    void emptyIsIdZero()
    {
        StringTable t;
        QCOMPARE(t.size(), 1u);
        QCOMPARE(t.intern(""), 0u);
        QCOMPARE(t.at(0), std::string_view());
    }

    void internsEachTextOnceThroughManyGrowths()
    {
        StringTable t;
        std::vector<std::string> texts;
        for (int i = 0; i < 50'000; ++i) // fresh task names, as a big run creates them
            texts.push_back("Task-" + std::to_string(i + 2) + " worker(" + std::to_string(i % 7) + ")");
        for (std::size_t i = 0; i < texts.size(); ++i)
            QCOMPARE(t.intern(texts[i]), std::uint32_t(i + 1));
        QCOMPARE(t.size(), std::uint32_t(texts.size() + 1));
        for (std::size_t i = 0; i < texts.size(); ++i) {
            QCOMPARE(t.intern(texts[i]), std::uint32_t(i + 1)); // found again, not added
            QCOMPARE(t.at(std::uint32_t(i + 1)), std::string_view(texts[i]));
        }
        QCOMPARE(t.size(), std::uint32_t(texts.size() + 1));
    }

    void textsThatDifferLateOrOnlyInLength()
    {
        StringTable t;
        const std::string a(40, 'x'), b = a + "y", c = a.substr(0, 39), d = std::string("a\0b", 3);
        const auto ia = t.intern(a), ib = t.intern(b), ic = t.intern(c), id = t.intern(d);
        QVERIFY(ia != ib && ib != ic && ia != ic && id != ia);
        QCOMPARE(t.intern(std::string_view("a\0b", 3)), id);
        QCOMPARE(t.intern("a"), 5u); // a prefix of d is another string
        QCOMPARE(t.intern(a), ia);
    }

    void copiesKeepTheirIndex()
    {
        StringTable t;
        t.intern("one");
        StringTable copy = t;
        QCOMPARE(copy.intern("one"), 1u);
        QCOMPARE(copy.intern("two"), 2u);
        QCOMPARE(t.size(), 2u);
        QVERIFY(!(copy == t));
    }
};

QTEST_APPLESS_MAIN(TestStringTable)
#include "tst_stringtable.moc"
