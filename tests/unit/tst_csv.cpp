#include "common/csv.h"

#include <QTest>

using namespace fumibako;

using Rows = QList<QStringList>;

// QT_NO_CAST_FROM_ASCII: rows written as UTF-8 literals.
Rows R(std::initializer_list<std::initializer_list<const char *>> rows)
{
    Rows out;
    for (const auto &row : rows) {
        QStringList fields;
        for (const char *f : row)
            fields << QString::fromUtf8(f);
        out << fields;
    }
    return out;
}

class tst_Csv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<Rows>("rows");
        QTest::addColumn<QList<int>>("lines");
        const QString yamada = QString::fromUtf8("山田 太郎");
        QTest::newRow("plain") << QByteArray("a,b\r\nc,d\r\n") << R({{"a", "b"}, {"c", "d"}})
                               << QList<int>{1, 2};
        QTest::newRow("bom, LF, no final newline")
            << QByteArray("\xEF\xBB\xBF"
                          "a,b\nc,d")
            << R({{"a", "b"}, {"c", "d"}}) << QList<int>{1, 2};
        QTest::newRow("quoted comma and quote") << QByteArray("\"a,1\",\"say \"\"hi\"\"\"\r\n")
                                                << R({{"a,1", "say \"hi\""}}) << QList<int>{1};
        QTest::newRow("newline inside quotes counts lines")
            << QByteArray("\"x\ny\",z\r\nnext,1\r\n") << R({{"x\ny", "z"}, {"next", "1"}})
            << QList<int>{1, 3};
        QTest::newRow("blank lines skipped, numbered")
            << QByteArray("h\r\n\r\n\r\nv\r\n") << R({{"h"}, {"v"}}) << QList<int>{1, 4};
        QTest::newRow("empty quoted field is a record")
            << QByteArray("h\r\n\"\"\r\n") << R({{"h"}, {""}}) << QList<int>{1, 2};
        QTest::newRow("empty fields kept")
            << QByteArray(",,\r\n") << R({{"", "", ""}}) << QList<int>{1};
        QTest::newRow("leading zeros, hyphen, underscore stay text")
            << QByteArray("\"0012\",\"-a\",\"_b\",\"=1+2\"\r\n")
            << R({{"0012", "-a", "_b", "=1+2"}}) << QList<int>{1};
        QTest::newRow("utf-8")
            << QString(QStringLiteral("\"") + yamada + QStringLiteral("\"\r\n")).toUtf8()
            << Rows{{yamada}} << QList<int>{1};
        QTest::newRow("lone CR") << QByteArray("a\rb\r") << R({{"a"}, {"b"}}) << QList<int>{1, 2};
    }

    void parse()
    {
        QFETCH(QByteArray, data);
        QFETCH(Rows, rows);
        QFETCH(QList<int>, lines);
        auto r = csv::parse(data);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->size(), rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QCOMPARE(r->at(i).fields, rows[i]);
            QCOMPARE(r->at(i).line, lines[i]);
        }
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("says");
        QTest::newRow("open quote") << QByteArray("a\r\n\"b,c\r\n") << QStringLiteral("line 2");
        QTest::newRow("shift_jis")
            << QByteArray("\x83\x65\x83\x58\x83\x67\r\n") << QStringLiteral("UTF-8");
        QTest::newRow("too many fields") << QByteArray(70, ',') << QStringLiteral("fields");
        QTest::newRow("field too long") << QByteArray(5000, 'x') << QStringLiteral("longer");
    }

    void refused()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, says);
        auto r = csv::parse(data);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, Error::Kind::Invalid);
        QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    }

    void limits()
    {
        QByteArray many;
        for (int i = 0; i < 11; ++i)
            many += "x\r\n";
        QVERIFY(!csv::parse(many, {1024, 10, 64, 100}));
        QVERIFY(csv::parse(many, {1024, 11, 64, 100}));
        QVERIFY(!csv::parse(QByteArray(2000, 'x'), {1024, 10, 64, 100000}));
    }

    void rowQuotesEveryField()
    {
        const QStringList fields{QStringLiteral("0012"), QStringLiteral("a \"b\", c"), QString(),
                                 QString::fromUtf8("改行\nあり")};
        const QByteArray line = csv::row(fields);
        QCOMPARE(line,
                 QString::fromUtf8("\"0012\",\"a \"\"b\"\", c\",\"\",\"改行\nあり\"\r\n").toUtf8());
        auto back = csv::parse(csv::bom() + line);
        QVERIFY(back);
        QCOMPARE(back->size(), 1);
        QCOMPARE(back->first().fields, fields);
    }
};

QTEST_GUILESS_MAIN(tst_Csv)
#include "tst_csv.moc"
