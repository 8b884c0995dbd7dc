#include "smtp/smtpdatareader.h"

#include <QTest>

using namespace fumibako;

// Every row is run on the whole input and again one byte at a time
// (Dovecot's parser-test habit): the reader must not depend on where
// the network splits the stream.
class tst_SmtpDataReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void feed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("complete");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("bare");
        QTest::addColumn<QByteArray>("rest");
        QTest::newRow("simple") << QByteArray("a\r\nb\r\n.\r\n") << true << QByteArray("a\r\nb\r\n")
                                << false << QByteArray();
        QTest::newRow("empty message")
            << QByteArray(".\r\n") << true << QByteArray() << false << QByteArray();
        QTest::newRow("dot stuffed")
            << QByteArray("..x\r\n.\r\n") << true << QByteArray(".x\r\n") << false << QByteArray();
        QTest::newRow("pipelined rest") << QByteArray("a\r\n.\r\nQUIT\r\n") << true
                                        << QByteArray("a\r\n") << false << QByteArray("QUIT\r\n");
        QTest::newRow("dot inside line") << QByteArray("a.\r\n.b\r\n.\r\n") << true
                                         << QByteArray("a.\r\nb\r\n") << false << QByteArray();
        QTest::newRow("LF.LF is not the end") << QByteArray("a\n.\nMAIL FROM:<x@y>\r\n") << false
                                              << QByteArray() << true << QByteArray();
        QTest::newRow("CR.CR is not the end") << QByteArray("a\r.\rMAIL FROM:<x@y>\r\n") << false
                                              << QByteArray() << true << QByteArray();
        QTest::newRow("LF.CRLF is not the end") << QByteArray("a\n.\r\nRCPT TO:<x@y>\r\n") << false
                                                << QByteArray() << true << QByteArray();
        QTest::newRow("smuggled then real end") << QByteArray("a\n.\nMAIL FROM:<x@y>\r\n.\r\n")
                                                << true << QByteArray() << true << QByteArray();
        QTest::newRow("CRLF.CR then x")
            << QByteArray("a\r\n.\rx\r\n.\r\n") << true << QByteArray() << true << QByteArray();
        QTest::newRow("unfinished")
            << QByteArray("a\r\n.") << false << QByteArray() << false << QByteArray();
        QTest::newRow("long line") << QByteArray(100000, 'x') + "\r\n.\r\n"
                                   << true << QByteArray(100000, 'x') + "\r\n"
                                   << false << QByteArray();
    }
    void feed()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, complete);
        QFETCH(QByteArray, message);
        QFETCH(bool, bare);
        QFETCH(QByteArray, rest);
        for (const bool byteByByte : {false, true}) {
            SmtpDataReader r(1 << 20);
            qsizetype offset = 0;
            bool done = false;
            while (offset < input.size() && !done) {
                const qsizetype len = byteByByte ? 1 : input.size() - offset;
                qsizetype consumed = 0;
                done = r.feed(QByteArrayView(input).sliced(offset, len), &consumed) ==
                       SmtpDataReader::Status::Complete;
                offset += consumed;
            }
            QCOMPARE(done, complete);
            QCOMPARE(r.bareNewline(), bare);
            if (complete) {
                QCOMPARE(input.mid(offset), rest);
                if (!bare)
                    QCOMPARE(r.takeMessage(), message);
            }
        }
    }
    void limitKeepsMemoryBounded()
    {
        SmtpDataReader r(1000);
        const QByteArray chunk(64 * 1024, 'x');
        qsizetype consumed = 0;
        for (int i = 0; i < 100; ++i)
            QCOMPARE(r.feed(chunk, &consumed), SmtpDataReader::Status::NeedMore);
        QCOMPARE(r.feed("\r\n.\r\n", &consumed), SmtpDataReader::Status::Complete);
        QVERIFY(r.overflow());
        QCOMPARE(r.size(), qsizetype(100) * chunk.size() + 2);
        QCOMPARE(r.takeMessage().size(), 1000);
    }
};

QTEST_APPLESS_MAIN(tst_SmtpDataReader)
#include "tst_smtpdatareader.moc"
