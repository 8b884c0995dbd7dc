<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ConfirmBox</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Fumibako mail server console</source>
        <translation>文箱 メールサーバー管理コンソール</translation>
    </message>
    <message>
        <source>Data folder.</source>
        <translation>データフォルダー。</translation>
    </message>
    <message>
        <source>Fumibako</source>
        <translation>文箱</translation>
    </message>
    <message>
        <source>The folder %1 contains files but is not a Fumibako data folder. Choose an empty folder with --data-dir, or move the files away.</source>
        <translation>フォルダー %1 にはファイルがありますが、文箱のデータフォルダーではありません。--data-dir で空のフォルダーを指定するか、ファイルを別の場所へ移動してください。</translation>
    </message>
    <message>
        <source>The database in %1 could not be opened.</source>
        <translation>%1 のデータベースを開けませんでした。</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The database is busy or cannot be opened right now. Please try again in a moment.</source>
        <translation>データベースが使用中か、現在開くことができません。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>This address is already registered.</source>
        <translation>このアドレスは既に登録されています。</translation>
    </message>
    <message>
        <source>This address cannot be used for an account. Check that it is spelled correctly and belongs to this server&apos;s domain.</source>
        <translation>このアドレスはアカウントとして使用できません。綴りに誤りがないか、このサーバーのドメインのアドレスかどうかをご確認ください。</translation>
    </message>
    <message>
        <source>The account could not be added.</source>
        <translation>アカウントを追加できませんでした。</translation>
    </message>
    <message>
        <source>This account no longer exists. The list will be refreshed.</source>
        <translation>このアカウントは既に存在しません。一覧を更新します。</translation>
    </message>
    <message>
        <source>These changes cannot be made to this account (the role of the built-in send-only account cannot change).</source>
        <translation>このアカウントにはこの変更を行えません（組み込みの送信専用アカウントの権限は変更できません）。</translation>
    </message>
    <message>
        <source>The changes could not be saved.</source>
        <translation>変更を保存できませんでした。</translation>
    </message>
    <message>
        <source>This password cannot be used. Use at least 8 characters and no control characters.</source>
        <translation>このパスワードは使用できません。8文字以上で、制御文字を含まないパスワードにしてください。</translation>
    </message>
    <message>
        <source>The password could not be reset.</source>
        <translation>パスワードを再設定できませんでした。</translation>
    </message>
    <message>
        <source>This account is built in and cannot be deleted.</source>
        <translation>このアカウントは組み込みのため削除できません。</translation>
    </message>
    <message>
        <source>The account could not be deleted.</source>
        <translation>アカウントを削除できませんでした。</translation>
    </message>
    <message>
        <source>The state of the account could not be changed.</source>
        <translation>アカウントの状態を変更できませんでした。</translation>
    </message>
    <message>
        <source>The account list could not be read.</source>
        <translation>アカウント一覧を読み込めませんでした。</translation>
    </message>
    <message>
        <source>The log could not be read.</source>
        <translation>ログを読み込めませんでした。</translation>
    </message>
    <message>
        <source>The settings could not be read.</source>
        <translation>設定を読み込めませんでした。</translation>
    </message>
    <message>
        <source>A value is outside the allowed range. Check the settings and save again.</source>
        <translation>設定できる範囲を超えた値があります。内容を確認して、もう一度保存してください。</translation>
    </message>
    <message>
        <source>The settings could not be saved.</source>
        <translation>設定を保存できませんでした。</translation>
    </message>
    <message>
        <source>The certificate could not be imported. Check that both files are in PEM format, that the private key belongs to the certificate and that the key is not password-protected.</source>
        <translation>証明書を取り込めませんでした。両方のファイルが PEM 形式であること、秘密鍵が証明書と対になっていること、秘密鍵にパスワードが設定されていないことをご確認ください。</translation>
    </message>
    <message>
        <source>The certificate could not be saved to the data folder.</source>
        <translation>証明書をデータフォルダーに保存できませんでした。</translation>
    </message>
    <message>
        <source>The data folder has not been set up.</source>
        <translation>データフォルダーの初期設定が済んでいません。</translation>
    </message>
    <message>
        <source>The listening address in the settings is not valid.</source>
        <translation>設定されている待ち受けアドレスが正しくありません。</translation>
    </message>
    <message>
        <source>The mail server could not start. Another program may already be using one of its ports; change the ports in Settings or stop the other program, then restart the server.</source>
        <translation>メールサーバーを起動できませんでした。ほかのプログラムが同じポートを使用している可能性があります。［設定］でポート番号を変更するか、そのプログラムを終了してから、サーバーを再起動してください。</translation>
    </message>
    <message>
        <source>The data folder already contains files. Choose an empty folder.</source>
        <translation>データフォルダーに既にファイルがあります。空のフォルダーを指定してください。</translation>
    </message>
    <message>
        <source>The domain name or the administrator address was not accepted. Check them and try again.</source>
        <translation>ドメイン名または管理者のアドレスが受け付けられませんでした。内容を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The initial setup could not be completed. Check that the data folder can be written to.</source>
        <translation>初期設定を完了できませんでした。データフォルダーに書き込みできるかご確認ください。</translation>
    </message>
    <message>
        <source>The operation could not be completed.</source>
        <translation>操作を完了できませんでした。</translation>
    </message>
    <message>
        <source>Port %1 for %2 cannot be used; another program may already be using it. Change the port in Settings or stop the other program, then start the server again.</source>
        <translation>%2 のポート %1 を使用できません。ほかのプログラムが使用している可能性があります。［設定］でポート番号を変更するか、そのプログラムを終了してから、サーバーを起動し直してください。</translation>
    </message>
    <message>
        <source>The folders of this account could not be read.</source>
        <translation>このアカウントのフォルダーを読み込めませんでした。</translation>
    </message>
    <message>
        <source>The mailbox could not be emptied. Check the folder list and try again.</source>
        <translation>メールボックスを初期化できませんでした。フォルダーの一覧を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The send queue could not be read.</source>
        <translation>送信キューを読み込めませんでした。</translation>
    </message>
    <message>
        <source>This message is no longer in the send queue (it may have been sent or deleted meanwhile). The list will be refreshed.</source>
        <translation>このメールはもう送信キューにありません（その間に送信されたか、削除された可能性があります）。一覧を更新します。</translation>
    </message>
    <message>
        <source>The message could not be scheduled for sending now.</source>
        <translation>このメールを今すぐ再送する設定にできませんでした。</translation>
    </message>
    <message>
        <source>The message could not be deleted from the send queue.</source>
        <translation>このメールを送信キューから削除できませんでした。</translation>
    </message>
    <message>
        <source>The headers of the message could not be read.</source>
        <translation>このメールのヘッダーを読み込めませんでした。</translation>
    </message>
    <message>
        <source>The DKIM keys could not be read. Check that the data folder&apos;s dkim folder can be read.</source>
        <translation>DKIM の鍵を読み込めませんでした。データフォルダー内の dkim フォルダーを読み取れるかご確認ください。</translation>
    </message>
    <message>
        <source>A DKIM key cannot be made for this domain name.</source>
        <translation>このドメイン名では DKIM の鍵を作成できません。</translation>
    </message>
    <message>
        <source>The DKIM key could not be made. Check that the data folder can be written to.</source>
        <translation>DKIM の鍵を作成できませんでした。データフォルダーに書き込めるかご確認ください。</translation>
    </message>
    <message>
        <source>This DKIM key no longer exists or no longer signs. The list will be refreshed.</source>
        <translation>この DKIM の鍵はすでに削除されたか、署名に使われていません。一覧を更新します。</translation>
    </message>
    <message>
        <source>The DKIM key could not be activated. It may be damaged; make a new one.</source>
        <translation>この DKIM の鍵で署名を開始できませんでした。鍵が壊れている可能性があります。新しい鍵を作成してください。</translation>
    </message>
    <message>
        <source>Signing with this DKIM key could not be stopped.</source>
        <translation>この DKIM の鍵による署名を停止できませんでした。</translation>
    </message>
    <message>
        <source>This DKIM key still signs mail. Stop signing with it first.</source>
        <translation>この DKIM の鍵はまだ署名に使用中です。先に署名を停止してください。</translation>
    </message>
    <message>
        <source>The DKIM key could not be deleted.</source>
        <translation>DKIM の鍵を削除できませんでした。</translation>
    </message>
    <message>
        <source>The spam filters could not be read.</source>
        <translation>迷惑メールフィルタを読み込めませんでした。</translation>
    </message>
    <message>
        <source>This list already holds 100 entries. Remove one before adding another.</source>
        <translation>この欄にはすでに100件登録されています。追加するには、先にいずれかを削除してください。</translation>
    </message>
    <message>
        <source>This entry is already in the list.</source>
        <translation>この条件はすでに登録されています。</translation>
    </message>
    <message>
        <source>This value cannot be used here. Check the address, domain or word.</source>
        <translation>この値は登録できません。メールアドレス・ドメイン・語句を確認してください。</translation>
    </message>
    <message>
        <source>This account or entry no longer exists. The list will be refreshed.</source>
        <translation>このアカウントまたは条件はすでにありません。一覧を更新します。</translation>
    </message>
    <message>
        <source>The filter could not be changed.</source>
        <translation>フィルタを変更できませんでした。</translation>
    </message>
    <message>
        <source>The forwarding and auto-reply settings of this account could not be read.</source>
        <translation>このアカウントの転送設定と自動返信の設定を読み込めませんでした。</translation>
    </message>
    <message>
        <source>The forwarding settings were not accepted. Check the forwarding addresses (not this account&apos;s own) and the conditions (no line breaks or special characters).</source>
        <translation>転送設定を保存できませんでした。転送先のアドレス（このアカウント自身は指定できません）と、条件に改行や特殊な文字が入っていないかを確認してください。</translation>
    </message>
    <message>
        <source>The forwarding settings could not be saved.</source>
        <translation>転送設定を保存できませんでした。</translation>
    </message>
    <message>
        <source>Forwarding could not be stopped.</source>
        <translation>転送を停止できませんでした。</translation>
    </message>
    <message>
        <source>The auto-reply was not accepted. Check that the text is not empty, the end date is not before the start date, and the subject and sender name hold no special characters.</source>
        <translation>自動返信の設定を保存できませんでした。本文が空でないこと、終了日が開始日より前でないこと、件名と送信者名に特殊な文字が入っていないことを確認してください。</translation>
    </message>
    <message>
        <source>The auto-reply could not be saved.</source>
        <translation>自動返信の設定を保存できませんでした。</translation>
    </message>
    <message>
        <source>The aliases and group addresses could not be read.</source>
        <translation>別名とグループアドレスを読み込めませんでした。</translation>
    </message>
    <message>
        <source>This address is already used by an account, an alias or a group.</source>
        <translation>このアドレスは、アカウント・別名・グループのいずれかで既に使われています。</translation>
    </message>
    <message>
        <source>A group can have at most %1 members.</source>
        <translation>1つのグループに登録できるメンバーは %1 件までです。</translation>
    </message>
    <message>
        <source>This account, domain or alias no longer exists. The list will be refreshed.</source>
        <translation>このアカウント、ドメインまたは別名は既にありません。一覧を更新します。</translation>
    </message>
    <message>
        <source>This group no longer exists. The list will be refreshed.</source>
        <translation>このグループは既にありません。一覧を更新します。</translation>
    </message>
    <message>
        <source>This address cannot be used as an alias. It must belong to this server&apos;s domain and not be a reserved name, and a send-only account cannot receive mail.</source>
        <translation>このアドレスは別名に使えません。このサーバーのドメインで、予約された名前（postmaster など）以外のアドレスを指定してください。また、送信専用アカウントはメールを受け取れないため、配送先にできません。</translation>
    </message>
    <message>
        <source>These addresses cannot be used. Check the group address (of this server&apos;s domain, not a reserved name) and each member&apos;s spelling.</source>
        <translation>このアドレスは使えません。グループアドレス（このサーバーのドメインで、予約された名前以外）と、各メンバーのアドレスのつづりを確認してください。</translation>
    </message>
    <message>
        <source>The alias could not be changed.</source>
        <translation>別名を変更できませんでした。</translation>
    </message>
    <message>
        <source>The group could not be changed.</source>
        <translation>グループを変更できませんでした。</translation>
    </message>
    <message>
        <source>Mail can be forwarded to at most %1 addresses.</source>
        <translation>転送先は %1 件まで登録できます。</translation>
    </message>
    <message>
        <source>The archive settings could not be read.</source>
        <translation>アーカイブの設定を読み込めませんでした。</translation>
    </message>
    <message>
        <source>This domain no longer exists. The list will be refreshed.</source>
        <translation>このドメインはすでに削除されています。一覧を更新します。</translation>
    </message>
    <message>
        <source>The archive setting of this domain could not be changed.</source>
        <translation>このドメインのアーカイブの設定を変更できませんでした。</translation>
    </message>
    <message>
        <source>This name cannot be used: it is already registered, or it is reserved for the system (admin, provadmin). Choose another name.</source>
        <translation>この名前は使用できません。すでに登録されているか、システムで予約されている名前（admin、provadmin）です。別の名前にしてください。</translation>
    </message>
    <message>
        <source>The search user was not accepted. Use a name of letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (up to 64, starting with a letter or digit), a password of at least %1 characters, and accounts that still exist.</source>
        <translation>検索ユーザーを追加できませんでした。名前は半角の英字・数字と「.」「_」「-」で64文字まで（先頭は英字か数字）、パスワードは%1文字以上にしてください。選んだアカウントが削除されていないかも確認してください。</translation>
    </message>
    <message>
        <source>The search user could not be added.</source>
        <translation>検索ユーザーを追加できませんでした。</translation>
    </message>
    <message>
        <source>This search user no longer exists. The list will be refreshed.</source>
        <translation>この検索ユーザーはすでに削除されています。一覧を更新します。</translation>
    </message>
    <message>
        <source>The search user could not be deleted.</source>
        <translation>検索ユーザーを削除できませんでした。</translation>
    </message>
    <message>
        <source>The account list could not be exported.</source>
        <translation>アカウント一覧を書き出せませんでした。</translation>
    </message>
    <message>
        <source>This file cannot be imported: it is not a CSV file of accounts. Line 1 must name the columns, one of them メールアドレス (address), and the file must be UTF-8 text of at most 10 MB and 10,000 lines.</source>
        <translation>このファイルは取り込めません。アカウントのCSVファイルではありません。1行目に列名を並べ、その1つを「メールアドレス」にしてください。ファイルはUTF-8のテキストで、10 MB・10,000行までです。</translation>
    </message>
    <message>
        <source>The accounts could not be imported. Nothing has been changed.</source>
        <translation>アカウントを取り込めませんでした。何も変更されていません。</translation>
    </message>
</context>
<context>
    <name>InputCheck</name>
    <message>
        <source>Enter the domain name.</source>
        <translation>ドメイン名を入力してください。</translation>
    </message>
    <message>
        <source>The domain name contains characters that cannot be used. Use letters, digits, hyphens and dots (e.g. example.co.jp).</source>
        <translation>ドメイン名に使用できない文字が含まれています。半角英数字、ハイフン、ピリオドで入力してください（例: example.co.jp）。</translation>
    </message>
    <message>
        <source>Enter the whole domain name including its ending, e.g. example.co.jp.</source>
        <translation>「.co.jp」などの末尾まで含めて、ドメイン名全体を入力してください（例: example.co.jp）。</translation>
    </message>
    <message>
        <source>The domain name is too long.</source>
        <translation>ドメイン名が長すぎます。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid domain name. Use letters, digits, hyphens and dots (e.g. example.co.jp).</source>
        <translation>「%1」はドメイン名として正しくありません。半角英数字、ハイフン、ピリオドで入力してください（例: example.co.jp）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid host name. Use letters, digits, hyphens and dots (e.g. mail.example.co.jp).</source>
        <translation>「%1」はホスト名として正しくありません。半角英数字、ハイフン、ピリオドで入力してください（例: mail.example.co.jp）。</translation>
    </message>
    <message>
        <source>Enter the part of the address before the @.</source>
        <translation>アドレスの「@」より前の部分を入力してください。</translation>
    </message>
    <message>
        <source>Enter only the part before the @; the domain is chosen separately.</source>
        <translation>「@」より前の部分だけを入力してください。ドメインは右側の欄で選択します。</translation>
    </message>
    <message>
        <source>The part before the @ can be at most 64 characters long.</source>
        <translation>「@」より前の部分は64文字以内で入力してください。</translation>
    </message>
    <message>
        <source>The address contains characters that cannot be used. Use half-width letters, digits and . - _ + (a dot cannot come first, last or twice in a row).</source>
        <translation>アドレスに使用できない文字が含まれています。半角英数字と「. - _ +」が使えます（ピリオドは先頭や末尾に置いたり、2つ続けたりできません）。</translation>
    </message>
    <message>
        <source>%1@ is reserved: its mail goes to the administrator, so it cannot be an account.</source>
        <translation>%1@ は予約済みのアドレスです（宛てたメールは管理者に届きます）。アカウントとしては登録できません。</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>パスワードを入力してください。</translation>
    </message>
    <message>
        <source>The password must be at least %1 characters long.</source>
        <translation>パスワードは%1文字以上にしてください。</translation>
    </message>
    <message>
        <source>The password is too long.</source>
        <translation>パスワードが長すぎます。</translation>
    </message>
    <message>
        <source>The password cannot contain control characters.</source>
        <translation>パスワードに制御文字は使用できません。</translation>
    </message>
    <message>
        <source>The two passwords do not match. Enter the same password twice.</source>
        <translation>確認用のパスワードが一致しません。同じパスワードを2回入力してください。</translation>
    </message>
    <message>
        <source>The display name can be at most 200 characters long.</source>
        <translation>表示名は200文字以内で入力してください。</translation>
    </message>
    <message>
        <source>Enter a mail address.</source>
        <translation>メールアドレスを入力してください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mail address. Enter the whole address in half-width characters, e.g. taro@example.com.</source>
        <translation>「%1」はメールアドレスの形になっていません。半角文字でアドレス全体を入力してください（例: taro@example.com）。</translation>
    </message>
</context>
<context>
    <name>PageRegistry</name>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Send Queue</source>
        <translation>送信キュー</translation>
    </message>
    <message>
        <source>Sending Server</source>
        <translation>送信サーバー</translation>
    </message>
    <message>
        <source>DKIM / SPF</source>
        <extracomment>Navigation: the DKIM, SPF and DMARC page (送信ドメイン認証); short, the list is narrow.</extracomment>
        <translation>送信ドメイン認証</translation>
    </message>
    <message>
        <source>DKIM, SPF and DMARC: records for DNS</source>
        <translation>DKIM・SPF・DMARC: DNS に登録するレコード</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Spam</source>
        <extracomment>Navigation: the quarantine of held spam (迷惑メール), for support staff.</extracomment>
        <translation>迷惑メール</translation>
    </message>
    <message>
        <source>Mail held as spam or by the spam filters, for every account</source>
        <translation>全アカウントの、迷惑メールとして隔離されたメール</translation>
    </message>
    <message>
        <source>Spam Filters</source>
        <extracomment>Navigation: the spam filter editors (迷惑メールフィルタ).</extracomment>
        <translation>迷惑メールフィルタ</translation>
    </message>
    <message>
        <source>Allow and block lists, the common filter, quarantine retention</source>
        <translation>受信許可・受信拒否リスト、共通フィルタ、隔離メールの保存期間</translation>
    </message>
    <message>
        <source>Aliases &amp; Groups</source>
        <extracomment>Navigation: aliases (別名) and group addresses; short, the list is narrow.</extracomment>
        <translation>別名・グループ</translation>
    </message>
    <message>
        <source>Aliases, group addresses and receiving mail for any address</source>
        <translation>別名、グループアドレス、すべての宛先の受け取り</translation>
    </message>
    <message>
        <source>Archive Search</source>
        <extracomment>Navigation: the mail archive&apos;s search (アーカイブ検索); short, the list is narrow.</extracomment>
        <translation>アーカイブ検索</translation>
    </message>
    <message>
        <source>Search and export the archive of sent (and received) mail</source>
        <translation>送信（および受信）メールのアーカイブを検索・エクスポートします</translation>
    </message>
</context>
<context>
    <name>SettingNames</name>
    <message>
        <source>Host name</source>
        <translation>ホスト名</translation>
    </message>
    <message>
        <source>Listening address</source>
        <translation>待ち受けアドレス</translation>
    </message>
    <message>
        <source>Maximum message size</source>
        <translation>メールの最大サイズ</translation>
    </message>
    <message>
        <source>Maximum recipients per message</source>
        <translation>1通あたりの最大宛先数</translation>
    </message>
    <message>
        <source>SMTP idle timeout</source>
        <translation>SMTP の無通信タイムアウト</translation>
    </message>
    <message>
        <source>POP3 idle timeout</source>
        <translation>POP3 の無通信タイムアウト</translation>
    </message>
    <message>
        <source>IMAP idle timeout</source>
        <translation>IMAP の無通信タイムアウト</translation>
    </message>
    <message>
        <source>IMAP IDLE check interval</source>
        <translation>IMAP IDLE 中の確認間隔</translation>
    </message>
    <message>
        <source>IMAP search cache size</source>
        <translation>IMAP 検索キャッシュのサイズ</translation>
    </message>
    <message>
        <source>Connections per client address</source>
        <translation>接続元アドレスごとの同時接続数</translation>
    </message>
    <message>
        <source>Total connections</source>
        <translation>全体の同時接続数</translation>
    </message>
    <message>
        <source>Memory for mail being received</source>
        <translation>受信中のメールに使うメモリー</translation>
    </message>
    <message>
        <source>IMAP sessions per account</source>
        <translation>アカウントごとの IMAP 接続数</translation>
    </message>
    <message>
        <source>Protocol errors before disconnecting</source>
        <translation>切断までのプロトコルエラー数</translation>
    </message>
    <message>
        <source>Sign-in without TLS from this computer</source>
        <translation>このコンピューターからの TLS なしの認証</translation>
    </message>
    <message>
        <source>Delay after a failed sign-in</source>
        <translation>認証失敗後の待ち時間</translation>
    </message>
    <message>
        <source>Failed sign-ins before a lock-out</source>
        <translation>ロックまでの認証失敗回数</translation>
    </message>
    <message>
        <source>Lock-out length</source>
        <translation>ロックの時間</translation>
    </message>
    <message>
        <source>Verified password memory time</source>
        <translation>確認済みパスワードの保持時間</translation>
    </message>
    <message>
        <source>DNS servers</source>
        <translation>DNS サーバー</translation>
    </message>
    <message>
        <source>Wait before the first retry</source>
        <translation>最初の再送までの待ち時間</translation>
    </message>
    <message>
        <source>Longest wait between retries</source>
        <translation>再送間隔の上限</translation>
    </message>
    <message>
        <source>Wait before a delay notice</source>
        <translation>遅延通知までの時間</translation>
    </message>
    <message>
        <source>Retry period before returning mail</source>
        <translation>差し戻しまでの再送期間</translation>
    </message>
    <message>
        <source>Outgoing connections in all</source>
        <translation>送信の同時接続数</translation>
    </message>
    <message>
        <source>Outgoing connections per destination</source>
        <translation>宛先ごとの送信の同時接続数</translation>
    </message>
    <message>
        <source>Send only over TLS</source>
        <translation>TLS でのみ送信</translation>
    </message>
    <message>
        <source>Routes per domain</source>
        <translation>ドメインごとの配送経路</translation>
    </message>
    <message>
        <source>TLS per destination</source>
        <translation>宛先ごとの TLS</translation>
    </message>
    <message>
        <source>Trusted certificates file</source>
        <translation>信頼する証明書のファイル</translation>
    </message>
    <message>
        <source>Sending server (smarthost)</source>
        <translation>送信サーバー（スマートホスト）</translation>
    </message>
    <message>
        <source>Sending server port</source>
        <translation>送信サーバーのポート</translation>
    </message>
    <message>
        <source>Sending server security</source>
        <translation>送信サーバーの暗号化</translation>
    </message>
    <message>
        <source>Sending server user name</source>
        <translation>送信サーバーのユーザー名</translation>
    </message>
    <message>
        <source>DKIM signing keys</source>
        <translation>DKIM 署名の鍵</translation>
    </message>
    <message>
        <source>Log retention</source>
        <translation>ログの保存期間</translation>
    </message>
    <message>
        <source>%1 port</source>
        <translation>%1のポート</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Virus scanner (clamd)</source>
        <translation>ウイルススキャナー（clamd）</translation>
    </message>
    <message>
        <source>Action on incoming viruses</source>
        <translation>受信メールのウイルス検出時の処理</translation>
    </message>
    <message>
        <source>Spam scanner (spamd)</source>
        <translation>迷惑メール判定（spamd）</translation>
    </message>
    <message>
        <source>Domains checked for spam</source>
        <translation>迷惑メール判定の対象ドメイン</translation>
    </message>
    <message>
        <source>Spam score threshold</source>
        <translation>迷惑メール判定のしきい値</translation>
    </message>
    <message>
        <source>Messages scanned at once</source>
        <translation>同時にスキャンする通数</translation>
    </message>
    <message>
        <source>Scanner time limit</source>
        <translation>スキャンの制限時間</translation>
    </message>
    <message>
        <source>Action on spam</source>
        <translation>迷惑メールの処理</translation>
    </message>
    <message>
        <source>Days mail stays in the quarantine</source>
        <translation>スパムボックスの保存期間（日）</translation>
    </message>
    <message>
        <source>Spam Summary time</source>
        <translation>Spam Summary の送信時刻</translation>
    </message>
    <message>
        <source>Local forwards per minute</source>
        <translation>社内転送の上限（1分あたり）</translation>
    </message>
    <message>
        <source>Keep sent mail in the archive</source>
        <translation>送信メールをアーカイブに保管</translation>
    </message>
    <message>
        <source>Days sent mail is archived</source>
        <translation>送信メールの保管日数</translation>
    </message>
    <message>
        <source>Days received mail is archived</source>
        <translation>受信メールの保管日数</translation>
    </message>
    <message>
        <source>Archive capacity (MiB)</source>
        <translation>アーカイブの容量上限（MiB）</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountDialog</name>
    <message>
        <source>Add Account</source>
        <translation>アカウントの追加</translation>
    </message>
    <message>
        <source>Change the display name, role or quota of this account.</source>
        <translation>このアカウントの表示名・権限・容量制限を変更します。</translation>
    </message>
    <message>
        <source>Create a mail address for a member of staff. They use the address and password to send and receive mail in their mail program.</source>
        <translation>社員のメールアドレスを作成します。メールソフトにこのアドレスとパスワードを設定すると、メールの送受信ができるようになります。</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>アドレス：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>アドレス(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. yamada</source>
        <translation>例: yamada</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>表示名(&amp;D)：</translation>
    </message>
    <message>
        <source>e.g. Taro Yamada</source>
        <translation>例: 山田 太郎</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>権限(&amp;R)：</translation>
    </message>
    <message>
        <source>Receives the mail sent to postmaster@ and other administrative addresses.</source>
        <translation>postmaster@ など管理用アドレス宛てのメールも受け取ります。</translation>
    </message>
    <message>
        <source>Sends and receives mail.</source>
        <translation>メールの送信と受信ができます。</translation>
    </message>
    <message>
        <source>Can only send; mail sent to this address is discarded.</source>
        <translation>送信のみできます。このアドレス宛てのメールは破棄されます。</translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation>容量制限(&amp;Q)：</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>無制限</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P)：</translation>
    </message>
    <message>
        <source>At least %1 characters. Tell the password to the user in person; it cannot be shown again later.</source>
        <translation>%1文字以上で設定してください。パスワードは後から表示できないため、ご本人に直接お伝えください。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>No mail domain is set up on this server.</source>
        <translation>このサーバーにはメールドメインが設定されていません。</translation>
    </message>
    <message>
        <source>Con&amp;firm password:</source>
        <translation>パスワードの確認(&amp;F)：</translation>
    </message>
    <message>
        <source>Add A&amp;ccount</source>
        <translation>アカウントを追加(&amp;C)</translation>
    </message>
    <message>
        <source>Account Details</source>
        <translation>アカウントの詳細</translation>
    </message>
    <message>
        <source>General</source>
        <translation>基本情報</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>メールボックス</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <extracomment>Tab of the account details: the FAQ&apos;s 転送設定.</extracomment>
        <translation>転送設定</translation>
    </message>
    <message>
        <source>Auto-Reply</source>
        <extracomment>Tab of the account details: the FAQ&apos;s 自動返信.</extracomment>
        <translation>自動返信</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountImportDialog</name>
    <message>
        <source>Import Accounts from CSV</source>
        <translation>CSVからアカウントを読み込む</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み込んでいます…</translation>
    </message>
    <message>
        <source>What importing %1 will do, line by line. Nothing has been changed yet.</source>
        <translation>%1 を取り込んだときの処理を行ごとに示します。まだ何も変更されていません。</translation>
    </message>
    <message>
        <source>Importing the accounts of %1…</source>
        <translation>%1 のアカウントを取り込んでいます…</translation>
    </message>
    <message>
        <source>The accounts of %1 have been imported.</source>
        <translation>%1 のアカウントを取り込みました。</translation>
    </message>
    <message>
        <source>Create: %1 · Update: %2 · Unchanged: %3 · Errors: %4</source>
        <extracomment>The counts of an import preview: 作成 N件・更新 N件・変更なし N件・エラー N件.</extracomment>
        <translation>作成 %1件・更新 %2件・変更なし %3件・エラー %4件</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) cannot be imported (shown in red). Nothing will be imported until the file is corrected and read again.</source>
        <translation>
            <numerusform>取り込めない行が %n 行あります（赤字の行）。ファイルを修正して読み込み直すまで、何も取り込まれません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Passwords were generated for %n new account(s). Copy them now and hand them over safely: they will not be shown again. Ask each user to change the password.</source>
        <translation>
            <numerusform>新しいアカウント %n 件にパスワードを生成しました。パスワードは二度と表示されません。今すぐコピーして安全な方法で本人に渡し、パスワードを変更してもらってください。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>The file could not be opened. Check that it exists and that you may read it.</source>
        <translation>ファイルを開けませんでした。ファイルがあること、読み取る権限があることを確認してください。</translation>
    </message>
    <message>
        <source>The file is larger than 10 MB and cannot be imported.</source>
        <translation>ファイルが 10 MB を超えているため取り込めません。</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountImportModel</name>
    <message>
        <source>Create</source>
        <extracomment>An import line that makes a new account (新規作成).</extracomment>
        <translation>新規作成</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <extracomment>An import line that cannot be imported (取り込めません).</extracomment>
        <translation>取り込めません</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>表示名</translation>
    </message>
    <message>
        <source>role</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>quota</source>
        <translation>容量上限</translation>
    </message>
    <message>
        <source>state</source>
        <extracomment>Enabled or suspended.</extracomment>
        <translation>状態</translation>
    </message>
    <message>
        <source>password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Changes: %1</source>
        <extracomment>The list of what an import changes in an account, e.g. &quot;Changes: role, quota&quot;.</extracomment>
        <translation>変更: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 is on line %2 already.</source>
        <translation>%1 は %2 行目にもあります。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid mail address.</source>
        <translation>「%1」はメールアドレスとして正しくありません。</translation>
    </message>
    <message>
        <source>%1 is not a domain of this server.</source>
        <translation>%1 はこのサーバーのドメインではありません。</translation>
    </message>
    <message>
        <source>%1 is a reserved address and cannot be an account.</source>
        <translation>%1 は予約されたアドレスのため、アカウントにできません。</translation>
    </message>
    <message>
        <source>%1 is already in use.</source>
        <translation>%1 はすでに使われています。</translation>
    </message>
    <message>
        <source>%1 is already a group address.</source>
        <translation>%1 はすでにグループアドレスとして使われています。</translation>
    </message>
    <message>
        <source>The display name is longer than %1 characters.</source>
        <translation>表示名が %1 文字を超えています。</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; is not one of 管理者 (admin), 一般 (user) or 送信専用 (sendonly).</source>
        <extracomment>Keep 管理者, 一般 and 送信専用 as they are: they are the values the file may hold.</extracomment>
        <translation>権限「%1」は使えません。管理者・一般・送信専用のいずれかにしてください。</translation>
    </message>
    <message>
        <source>A quota must be a whole number of bytes or messages (0 for none).</source>
        <translation>容量上限と通数上限は整数（バイト数・通数）で指定してください。0 は上限なしです。</translation>
    </message>
    <message>
        <source>The state &quot;%1&quot; is not 有効 (enabled) or 無効 (disabled).</source>
        <extracomment>Keep 有効 and 無効 as they are: they are the values the file may hold.</extracomment>
        <translation>状態「%1」は使えません。有効（enabled）または無効（disabled）にしてください。</translation>
    </message>
    <message>
        <source>The password must be at least %1 characters long.</source>
        <translation>パスワードは %1 文字以上にしてください。</translation>
    </message>
    <message>
        <source>The password is too long.</source>
        <translation>パスワードが長すぎます。</translation>
    </message>
    <message>
        <source>The password must not contain control characters.</source>
        <translation>パスワードに制御文字は使えません。</translation>
    </message>
    <message>
        <source>A send-only account is made by the server and cannot be imported.</source>
        <translation>送信専用アカウントはサーバーが作成するもので、取り込めません。</translation>
    </message>
    <message>
        <source>The send-only role of %1 cannot be given or taken.</source>
        <translation>%1 の送信専用の権限は、付けることも外すこともできません。</translation>
    </message>
    <message>
        <source>Line</source>
        <extracomment>The line number in the CSV file (行).</extracomment>
        <translation>行</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Action</source>
        <extracomment>What the import does with the line (処理).</extracomment>
        <translation>処理</translation>
    </message>
    <message>
        <source>Reason / Changes</source>
        <extracomment>Why a line is refused, or what an update changes (理由・変更点).</extracomment>
        <translation>理由・変更点</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountTableModel</name>
    <message>
        <source>Unlimited</source>
        <translation>無制限</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n message(s)</source>
        <translation>
            <numerusform>%1（%n 通）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>使用量 %1 ／ 上限 %2（%3%）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>表示名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>Used space</source>
        <translation>使用容量</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>容量制限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>User</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Send only</source>
        <translation>送信専用</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountsPage</name>
    <message>
        <source>Filter by address or name</source>
        <translation>アドレスや表示名で絞り込み</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Reset &amp;Password…</source>
        <translation>パスワードの再設定(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>最新の情報に更新(&amp;F)</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>全 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n account(s)</source>
        <translation>
            <numerusform>%n 件中 %1 件を表示</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>利用を再開(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation>利用を停止(&amp;S)</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Reset Password</source>
        <translation>パスワードの再設定</translation>
    </message>
    <message>
        <source>The password of %1 has been changed.</source>
        <translation>%1 のパスワードを変更しました。</translation>
    </message>
    <message>
        <source>Suspend Account</source>
        <translation>アカウントの利用停止</translation>
    </message>
    <message>
        <source>Suspend %1?

The account can no longer log in or send mail, and mail sent to it is refused. Stored mail is kept, and the account can be resumed at any time.</source>
        <translation>%1 の利用を停止しますか？

停止中はログインやメールの送信ができなくなり、このアドレス宛てのメールは受け取りを拒否します。保存済みのメールは残り、いつでも利用を再開できます。</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>停止する</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Delete Account</source>
        <translation>アカウントの削除</translation>
    </message>
    <message>
        <source>Delete %1?

All mail stored for this account (%2) is deleted with it. This cannot be undone.</source>
        <translation>%1 を削除しますか？

このアカウントに保存されているメール（%2）もすべて削除されます。この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除する</translation>
    </message>
    <message>
        <source>&amp;Mailboxes…</source>
        <translation>メールボックス(&amp;M)…</translation>
    </message>
    <message>
        <source>Fo&amp;rwarding / Auto-Reply…</source>
        <extracomment>Opens the account&apos;s 転送設定 and 自動返信 tabs.</extracomment>
        <translation>転送・自動返信(&amp;R)…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <extracomment>Writes every account to a CSV file (CSVに書き出す…).</extracomment>
        <translation>CSVに書き出す(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <extracomment>Creates or updates accounts from a CSV file (CSVから読み込む…).</extracomment>
        <translation>CSVから読み込む(&amp;I)…</translation>
    </message>
    <message>
        <source>Export Accounts as CSV</source>
        <translation>アカウントをCSVに書き出す</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
    <message>
        <source>The accounts could not be written to %1. Check that the folder exists and can be written to.</source>
        <translation>%1 にアカウントを書き出せませんでした。フォルダーがあり、書き込めることを確認してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exported to %1.</source>
        <translation>
            <numerusform>%n 件のアカウントを %1 に書き出しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Accounts from CSV</source>
        <translation>CSVからアカウントを読み込む</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSVファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>The accounts have been imported.</source>
        <translation>アカウントを取り込みました。</translation>
    </message>
</context>
<context>
    <name>fumibako::AliasPage</name>
    <message>
        <source>Extra addresses that deliver to accounts already set up: an alias for one account, a group address for several people at once. They need no password and no mailbox of their own.</source>
        <translation>登録済みのアカウントに届く、追加のアドレスです。別名は1つのアカウントに、グループアドレスは複数の人にまとめて届きます。パスワードや専用のメールボックスは要りません。</translation>
    </message>
    <message>
        <source>Aliases</source>
        <extracomment>The FAQ&apos;s 別名: another address whose mail one account receives.</extracomment>
        <translation>別名</translation>
    </message>
    <message>
        <source>Mail to an alias arrives in the mailbox of its account, e.g. info@ to the person who answers enquiries.</source>
        <translation>別名あてのメールは、配送先アカウントのメールボックスに届きます（例: info@ あてのメールを問い合わせ担当者に届ける）。</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>別名(&amp;A):</translation>
    </message>
    <message>
        <source>e.g. info</source>
        <translation>例: info</translation>
    </message>
    <message>
        <source>Deli&amp;ver to:</source>
        <translation>配送先(&amp;V):</translation>
    </message>
    <message>
        <source>Add A&amp;lias</source>
        <translation>別名を追加(&amp;L)</translation>
    </message>
    <message>
        <source>Remove Alias</source>
        <translation>別名を削除</translation>
    </message>
    <message>
        <source>Receive mail for any address</source>
        <translation>すべての宛先を受け取る</translation>
    </message>
    <message>
        <source>Domain:</source>
        <translation>ドメイン:</translation>
    </message>
    <message>
        <source>Deliver to:</source>
        <translation>配送先:</translation>
    </message>
    <message>
        <source>Turn Off</source>
        <translation>オフにする</translation>
    </message>
    <message>
        <source>When on, mail to any address of the domain that is not an account, alias or group (for example a misspelt name) goes to the chosen account instead of back to the sender as an error. It also brings in spam sent to made-up addresses, so leave it off unless it is needed.</source>
        <translation>オンにすると、アカウント・別名・グループのどれでもない宛先（名前のつづり間違いなど）のメールが、エラーで送信者に戻らずに、選んだアカウントに届きます。でたらめな宛先に送られる迷惑メールも届くようになるため、必要なとき以外はオフのままにしてください。</translation>
    </message>
    <message>
        <source>Group addresses</source>
        <translation>グループアドレス</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>グループ(&amp;G):</translation>
    </message>
    <message>
        <source>e.g. sales</source>
        <translation>例: sales</translation>
    </message>
    <message>
        <source>&amp;Members:</source>
        <translation>メンバー(&amp;M):</translation>
    </message>
    <message>
        <source>Remove Group</source>
        <translation>グループを削除</translation>
    </message>
    <message>
        <source>%1: off — mail to an address that does not exist is returned to the sender.</source>
        <translation>%1: オフ — 存在しないアドレスあてのメールは、エラーとして送信者に戻ります。</translation>
    </message>
    <message>
        <source>%1: on — mail to any other address arrives at %2.</source>
        <translation>%1: オン — ほかのすべての宛先のメールが %2 に届きます。</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更する</translation>
    </message>
    <message>
        <source>Turn On</source>
        <translation>オンにする</translation>
    </message>
    <message>
        <source>Add Members</source>
        <translation>メンバーを追加</translation>
    </message>
    <message>
        <source>Add Gro&amp;up</source>
        <translation>グループを追加(&amp;U)</translation>
    </message>
    <message>
        <source>Added: mail to %1 now arrives at %2.</source>
        <translation>追加しました。%1 あてのメールは %2 に届きます。</translation>
    </message>
    <message>
        <source>Remove %1?

Mail sent to it afterwards is returned to the sender as an error. The account and its mail are not affected.</source>
        <translation>%1 を削除しますか？

削除後にこのアドレスあてに送られたメールは、エラーとして送信者に戻ります。アカウントとそのメールはそのまま残ります。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message numerus="yes">
        <source>%n alias(es) removed.</source>
        <translation>
            <numerusform>別名を %n 件削除しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Mail to any other address @%1 now arrives at %2.</source>
        <translation>@%1 のほかのすべての宛先のメールが %2 に届くようになりました。</translation>
    </message>
    <message>
        <source>Turned off: mail to addresses @%1 that do not exist is returned to the sender.</source>
        <translation>オフにしました。@%1 の存在しないアドレスあてのメールは、エラーとして送信者に戻ります。</translation>
    </message>
    <message>
        <source>Enter at least one member.</source>
        <translation>メンバーを1件以上入力してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) added to %1.</source>
        <translation>
            <numerusform>%1 にメンバーを %n 件追加しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group %1 added with %n member(s).</source>
        <translation>
            <numerusform>グループ %1 を追加しました（メンバー %n 件）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove %1 and its list of members?

Mail sent to it afterwards is returned to the sender as an error. The members&apos; own accounts are not affected.</source>
        <translation>%1 とそのメンバーの一覧を削除しますか？

削除後にこのアドレスあてに送られたメールは、エラーとして送信者に戻ります。メンバーの各アカウントはそのまま残ります。</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) removed.</source>
        <translation>
            <numerusform>グループを %n 件削除しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Mail to a group address goes to each of its members: accounts, aliases, other groups or outside addresses. Separate the members with commas or spaces; a name without @ is an address of the group&apos;s domain. Choose a group in the list to add members to it.</source>
        <translation>グループアドレスあてのメールは、メンバー全員に届きます。メンバーには、アカウント・別名・ほかのグループ・社外のアドレスを指定できます。メンバーはカンマか空白で区切って入力します（@ のない名前は、グループと同じドメインのアドレスになります）。一覧でグループを選ぶと、そのグループにメンバーを追加できます。</translation>
    </message>
    <message>
        <source>e.g. yamada, suzuki@example.com</source>
        <translation>例: yamada, suzuki@example.com</translation>
    </message>
</context>
<context>
    <name>fumibako::AliasTableModel</name>
    <message>
        <source>Any other address @%1</source>
        <extracomment>An alias row that is the catch-all of a domain (%1): every other address there.</extracomment>
        <translation>@%1 のすべての宛先</translation>
    </message>
    <message>
        <source>Alias</source>
        <extracomment>Column: the alias address (別名).</extracomment>
        <translation>別名</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <extracomment>Column: the account that receives the alias&apos;s mail.</extracomment>
        <translation>配送先</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveSearchPage</name>
    <message>
        <source>Every message sent from the accounts here, and the received mail of the domains that keep it, stays in the archive apart from the mailboxes: deleting it from a mailbox does not delete it here. Search it, look at a message, or export messages as files.</source>
        <translation>このサーバーのアカウントから送信したメール（受信メールを保管するドメインでは受信メールも）は、メールボックスとは別にアーカイブに保管されます。メールボックスから削除してもアーカイブからは消えません。ここで検索し、内容を確認したり、ファイルにエクスポートしたりできます。</translation>
    </message>
    <message>
        <source>Words in the subject, addresses, text or attachment names — several words: all must be found; &quot;in quotes&quot;: as written</source>
        <translation>件名・アドレス・本文・添付ファイル名の語句（複数の語句はすべてを含むメール、&quot;…&quot; で囲むとそのままの並びで検索）</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>検索(&amp;S)</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>開始日(&amp;M)</translation>
    </message>
    <message>
        <source>Only messages of this day or later</source>
        <translation>この日以降のメールだけを検索します</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>終了日(&amp;U)</translation>
    </message>
    <message>
        <source>Only messages of this day or earlier</source>
        <translation>この日までのメールだけを検索します</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>送受信(&amp;D):</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Se&amp;nder:</source>
        <translation>差出人(&amp;N):</translation>
    </message>
    <message>
        <source>Name or address</source>
        <translation>名前またはアドレス</translation>
    </message>
    <message>
        <source>Reci&amp;pient:</source>
        <translation>宛先(&amp;P):</translation>
    </message>
    <message>
        <source>With a&amp;ttachments</source>
        <translation>添付ファイルあり(&amp;T)</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>アカウント：</translation>
    </message>
    <message>
        <source>Delivered to:</source>
        <extracomment>Preview: every address the message was delivered to (RCPT TO), Bcc included.</extracomment>
        <translation>配送先：</translation>
    </message>
    <message>
        <source>&amp;Export Selected</source>
        <translation>選択したメールをエクスポート(&amp;E)</translation>
    </message>
    <message>
        <source>Save the selected messages as files, unchanged.</source>
        <translation>選択したメールを、元のままの内容でファイルに保存します。</translation>
    </message>
    <message>
        <source>Export &amp;All Results</source>
        <translation>検索結果をすべてエクスポート(&amp;A)</translation>
    </message>
    <message>
        <source>Save every message the search found, not only those listed so far, as files.</source>
        <translation>検索で見つかったすべてのメールを、まだ一覧に表示されていないものも含めてファイルに保存します。</translation>
    </message>
    <message>
        <source>As .eml Files in a Folder…</source>
        <translation>.eml ファイルとしてフォルダーに保存…</translation>
    </message>
    <message>
        <source>As One mbox File…</source>
        <translation>1 つの mbox ファイルに保存…</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>開始日が終了日より後になっています。</translation>
    </message>
    <message>
        <source>The database is busy or cannot be opened right now. Search again in a moment.</source>
        <translation>データベースが使用中か、開けません。しばらくしてからもう一度検索してください。</translation>
    </message>
    <message>
        <source>These search conditions cannot be used. Check the dates.</source>
        <translation>この検索条件では検索できません。日付を確認してください。</translation>
    </message>
    <message>
        <source>The archive could not be searched.</source>
        <translation>アーカイブを検索できませんでした。</translation>
    </message>
    <message>
        <source>The rest of the results could not be read. Search again to try once more.</source>
        <translation>検索結果の続きを読み込めませんでした。もう一度検索してください。</translation>
    </message>
    <message>
        <source>The archive&apos;s usage could not be read.</source>
        <translation>アーカイブの使用量を読み込めませんでした。</translation>
    </message>
    <message>
        <source>%1 of %2 used (%3%)</source>
        <extracomment>Archive usage: used, the cap, the percentage of the cap.</extracomment>
        <translation>使用量 %1 / %2（%3%）</translation>
    </message>
    <message>
        <source>%1 used (no limit)</source>
        <translation>使用量 %1（上限なし）</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) archived</source>
        <translation>
            <numerusform>保管中 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>oldest from %1</source>
        <translation>最も古いメール %1</translation>
    </message>
    <message>
        <source> · </source>
        <extracomment>Separator between the parts of the archive&apos;s usage line.</extracomment>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>%n distinct message(s) stored in %1</source>
        <extracomment>Archive usage tooltip: a message sent to many is stored once.</extracomment>
        <translation>
            <numerusform>保存しているメール本体 %n 件（%1。同じ内容のメールは 1 通分だけ保存）</numerusform>
        </translation>
    </message>
    <message>
        <source>Search index: %1</source>
        <translation>検索インデックス：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) not yet in the search index (they are added before the next search)</source>
        <translation>
            <numerusform>検索インデックスに未登録のメール %n 件（次の検索の前に登録されます）</numerusform>
        </translation>
    </message>
    <message>
        <source>The archive is empty.
Mail sent from the accounts here appears once it has been sent.</source>
        <translation>アーカイブにはまだメールがありません。
このサーバーのアカウントから送信したメールが、送信後ここに表示されます。</translation>
    </message>
    <message>
        <source>No archived message matches this search.</source>
        <translation>検索条件に一致するメールはありません。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) listed, more below</source>
        <extracomment>More results follow: they are read as the list is scrolled down.</extracomment>
        <translation>
            <numerusform>%n 件を表示中（下へスクロールすると続きを表示します）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>%n 件見つかりました</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a message to see its contents here.</source>
        <translation>メールを選択すると、ここに内容が表示されます。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) selected.</source>
        <translation>
            <numerusform>%n 件のメールを選択中です。</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>This message is no longer in the archive (its retention period has ended).</source>
        <translation>このメールはアーカイブにありません（保管期間が終了しています）。</translation>
    </message>
    <message>
        <source>This message could not be read.</source>
        <translation>このメールを読み込めませんでした。</translation>
    </message>
    <message>
        <source>Export All Results as mbox</source>
        <translation>検索結果をすべて mbox にエクスポート</translation>
    </message>
    <message>
        <source>Export Selected as mbox</source>
        <translation>選択したメールを mbox にエクスポート</translation>
    </message>
    <message>
        <source>mbox files (*.mbox);;All files (*)</source>
        <translation>mbox ファイル (*.mbox);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Folder for the .eml Files of All Results</source>
        <translation>検索結果すべての .eml ファイルを保存するフォルダー</translation>
    </message>
    <message>
        <source>Folder for the .eml Files of the Selected Messages</source>
        <translation>選択したメールの .eml ファイルを保存するフォルダー</translation>
    </message>
    <message>
        <source>Exporting messages…</source>
        <translation>メールをエクスポートしています…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Archive Export</source>
        <translation>アーカイブのエクスポート</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>Collecting the results of the search…</source>
        <translation>検索結果を集めています…</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n message(s)…</source>
        <translation>
            <numerusform>%n 件のメールをエクスポートしています…</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled. No file was left behind.</source>
        <translation>エクスポートをキャンセルしました。途中までのファイルは残っていません。</translation>
    </message>
    <message>
        <source>A message is no longer in the archive (its retention period has ended). Search again and export once more.</source>
        <translation>アーカイブにないメールがありました（保管期間が終了しています）。もう一度検索してからエクスポートしてください。</translation>
    </message>
    <message>
        <source>The database is busy right now. Export again in a moment.</source>
        <translation>データベースが使用中です。しばらくしてからもう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>The messages could not be exported to %1. Check that the folder exists and can be written to.</source>
        <translation>%1 にエクスポートできませんでした。保存先のフォルダーがあり、書き込みできることを確認してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported to %1.</source>
        <translation>
            <numerusform>%n 件のメールを %1 にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported as .eml files to %1.</source>
        <translation>
            <numerusform>%n 件のメールを .eml ファイルとして %1 にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Found in To and Cc, and among the addresses the message was delivered to (Bcc too)</source>
        <translation>宛先（To）・Cc と、実際の配送先（Bcc を含む）から探します</translation>
    </message>
    <message>
        <source>Arch&amp;ive Settings…</source>
        <translation>アーカイブの設定(&amp;I)…</translation>
    </message>
    <message>
        <source>Which domains also keep received mail, and the search users who may search the archive</source>
        <translation>受信メールも保管するドメインと、アーカイブを検索できる検索ユーザーを設定します</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveSearchUserDialog</name>
    <message>
        <source>Add Search User</source>
        <translation>検索ユーザーの追加</translation>
    </message>
    <message>
        <source>A search user can only search the archive and read what it finds; it has no mailbox and cannot change anything.</source>
        <translation>検索ユーザーは、アーカイブを検索して見つかったメールを読むことだけができます。メールボックスはなく、設定を変えることもできません。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. kansa</source>
        <translation>例: kansa</translation>
    </message>
    <message>
        <source>Letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (half-width), up to 64 characters. admin and provadmin are reserved.</source>
        <translation>半角の英字・数字と「.」「_」「-」で64文字まで。admin と provadmin は予約されているため使えません。</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P)：</translation>
    </message>
    <message>
        <source>Con&amp;firm password:</source>
        <translation>パスワードの確認(&amp;F)：</translation>
    </message>
    <message>
        <source>At least %1 characters. Tell the password to the person in person; it cannot be shown again later.</source>
        <translation>%1文字以上で設定してください。パスワードは後から表示できないため、ご本人に直接お伝えください。</translation>
    </message>
    <message>
        <source>May search:</source>
        <translation>検索できる範囲：</translation>
    </message>
    <message>
        <source>&amp;All accounts</source>
        <translation>すべてのアカウント(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Only the accounts checked below</source>
        <translation>下でチェックしたアカウントだけ(&amp;O)</translation>
    </message>
    <message>
        <source>Add &amp;Search User</source>
        <translation>検索ユーザーを追加(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Enter a name for the search user.</source>
        <translation>検索ユーザーの名前を入力してください。</translation>
    </message>
    <message>
        <source>The name can only hold half-width letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, up to 64 characters, and must start with a letter or digit.</source>
        <translation>名前に使えるのは半角の英字・数字と「.」「_」「-」だけで、64文字までです。先頭は英字か数字にしてください。</translation>
    </message>
    <message>
        <source>Check at least one account the search user may search, or choose all accounts.</source>
        <translation>検索できるアカウントを1つ以上チェックするか、「すべてのアカウント」を選んでください。</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveSearchUserModel</name>
    <message>
        <source>All accounts</source>
        <extracomment>A search user that may search the mail of every account.</extracomment>
        <translation>すべてのアカウント</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>Column: a search user&apos;s login name.</extracomment>
        <translation>名前</translation>
    </message>
    <message>
        <source>May search</source>
        <extracomment>Column: the accounts whose archived mail a search user may search.</extracomment>
        <translation>検索できるアカウント</translation>
    </message>
    <message>
        <source>Created</source>
        <extracomment>Column: the day a search user was made.</extracomment>
        <translation>作成日時</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveSettingsDialog</name>
    <message>
        <source>Archive Settings</source>
        <translation>アーカイブの設定</translation>
    </message>
    <message>
        <source>Received Mail</source>
        <translation>受信メールの保管</translation>
    </message>
    <message>
        <source>For each domain, choose whether the mail its accounts receive is kept in the archive too. A change applies at once to mail that arrives from then on.</source>
        <translation>ドメインごとに、そのドメインのアカウントが受信したメールもアーカイブに保管するかを選びます。変更はすぐに反映され、それ以降に届くメールに適用されます。</translation>
    </message>
    <message>
        <source>Search Users</source>
        <translation>検索ユーザー</translation>
    </message>
    <message>
        <source>A search user may only search the archive — of every account, or only of the accounts chosen for it. Give one, for example, to the person who checks mail for compliance.</source>
        <translation>検索ユーザーは、アーカイブの検索だけができる利用者です。すべてのアカウント、または指定したアカウントのメールだけを検索できます。監査やコンプライアンスの担当者などに発行してください。</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>ドメイン</translation>
    </message>
    <message>
        <source>Received mail</source>
        <translation>受信メール</translation>
    </message>
    <message>
        <source>Also keep received mail</source>
        <extracomment>Checkbox beside a domain: its received mail is also kept in the archive.</extracomment>
        <translation>受信メールも保管する</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Sent mail is always kept, for every account (setting &quot;Keep sent mail in the archive&quot;).</source>
        <translation>送信メールは、すべてのアカウント分を常に保管しています（設定「送信メールをアーカイブに保管」）。</translation>
    </message>
    <message>
        <source>Sent mail is not kept now: the setting &quot;Keep sent mail in the archive&quot; is off.</source>
        <translation>送信メールは現在保管していません（設定「送信メールをアーカイブに保管」がオフです）。</translation>
    </message>
    <message>
        <source>Search users sign in at the server&apos;s web address, path /archive, to search. The full address is shown here while the mail server runs.</source>
        <translation>検索ユーザーは、サーバーの Web アドレスの /archive からサインインして検索します。メールサーバーの起動中は、ここに完全なアドレスが表示されます。</translation>
    </message>
    <message>
        <source>Search users sign in at %1 to search.</source>
        <translation>検索ユーザーは %1 からサインインして検索します。</translation>
    </message>
    <message>
        <source>Received mail of %1 is now kept in the archive.</source>
        <translation>%1 の受信メールもアーカイブに保管するようにしました。</translation>
    </message>
    <message>
        <source>Received mail of %1 is no longer kept in the archive. What is already kept stays until its retention period ends.</source>
        <translation>%1 の受信メールの保管を停止しました。すでに保管されたメールは、保管期間が終わるまで残ります。</translation>
    </message>
    <message>
        <source>The search user %1 was added.</source>
        <translation>検索ユーザー「%1」を追加しました。</translation>
    </message>
    <message>
        <source>Delete Search User</source>
        <translation>検索ユーザーの削除</translation>
    </message>
    <message>
        <source>Delete the search user %1?

It can no longer sign in to search the archive. The archived mail is not affected.</source>
        <translation>検索ユーザー「%1」を削除しますか？

この名前ではアーカイブの検索にサインインできなくなります。アーカイブのメールは削除されません。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除する</translation>
    </message>
    <message>
        <source>The search user %1 was deleted.</source>
        <translation>検索ユーザー「%1」を削除しました。</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveTableModel</name>
    <message>
        <source>Sent</source>
        <extracomment>Archive: a message sent from an account here (送信).</extracomment>
        <translation>送信</translation>
    </message>
    <message>
        <source>Received</source>
        <extracomment>Archive: a message received by an account here (受信).</extracomment>
        <translation>受信</translation>
    </message>
    <message>
        <source>(no sender)</source>
        <extracomment>The envelope sender of a delivery report is empty (&lt;&gt;).</extracomment>
        <translation>（差出人なし）</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <extracomment>An archived message without a subject.</extracomment>
        <translation>（件名なし）</translation>
    </message>
    <message>
        <source>Envelope sender: %1</source>
        <extracomment>Archive tooltip: the envelope sender (MAIL FROM).</extracomment>
        <translation>エンベロープ差出人：%1</translation>
    </message>
    <message>
        <source>Delivered to: %1</source>
        <extracomment>Archive tooltip: every envelope recipient (RCPT TO), Bcc included.</extracomment>
        <translation>配送先：%1</translation>
    </message>
    <message>
        <source>Accounts: %1</source>
        <translation>アカウント：%1</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>サイズ：%1</translation>
    </message>
    <message>
        <source>With attachments</source>
        <translation>添付ファイルあり</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Direction</source>
        <extracomment>Column: sent or received.</extracomment>
        <translation>送受信</translation>
    </message>
    <message>
        <source>From</source>
        <translation>差出人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>宛先</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
</context>
<context>
    <name>fumibako::AutoReplyPanel</name>
    <message>
        <source>Answers mail to %1 automatically with the text below, for example while its user is on holiday.</source>
        <translation>%1 に届いたメールに、下の本文で自動的に返信します（休暇中など）。</translation>
    </message>
    <message>
        <source>&amp;Reply automatically</source>
        <translation>自動返信する(&amp;R)</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>返信の内容</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期間:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>終了日</translation>
    </message>
    <message>
        <source>Without a date the replies start at once.</source>
        <translation>開始日を指定しないと、保存したときから返信を始めます。</translation>
    </message>
    <message>
        <source>Without a date the replies go on until they are turned off.</source>
        <translation>終了日を指定しないと、オフにするまで返信を続けます。</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>件名(&amp;S):</translation>
    </message>
    <message>
        <source>Empty: &quot;Re: &quot; and the subject of the mail</source>
        <translation>空欄のときは「Re: 受け取ったメールの件名」</translation>
    </message>
    <message>
        <source>Sender &amp;name:</source>
        <extracomment>The 送信者名 of the FAQ: the name the auto-reply shows as its sender.</extracomment>
        <translation>送信者名(&amp;N):</translation>
    </message>
    <message>
        <source>e.g. Sales Department, Taro Yamada</source>
        <translation>例: 営業部 山田太郎</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>本文(&amp;T):</translation>
    </message>
    <message>
        <source>Reply to a sender once every:</source>
        <translation>同じ送信者への返信:</translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> 日に1回</numerusform>
        </translation>
    </message>
    <message>
        <source>Send in ISO-2022-JP (JIS) for older mobile phones</source>
        <translation>古い携帯電話向けに ISO-2022-JP（JIS）で送る</translation>
    </message>
    <message numerus="yes">
        <source>Each sender gets one reply in %n day(s), however much they write. Automatic mail (other auto-replies, mailing lists, delivery errors) is never answered, so two addresses that reply to each other automatically do not fill each other&apos;s mailbox.</source>
        <translation>
            <numerusform>同じ送信者には、何通届いても %n 日に1回だけ返信します。自動返信・メーリングリスト・エラー通知など自動で送られたメールには返信しないため、お互いに自動返信を設定していても、同じメールが大量に届くことはありません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the text of the reply.</source>
        <translation>返信の本文を入力してください。</translation>
    </message>
    <message>
        <source>The text can be at most %1 characters long.</source>
        <translation>本文は %1 文字以内で入力してください。</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>終了日が開始日より前になっています。</translation>
    </message>
    <message>
        <source>Auto-reply is off.</source>
        <translation>現在、自動返信はしていません。</translation>
    </message>
    <message>
        <source>Replies start on %1.</source>
        <translation>%1 から自動返信します。</translation>
    </message>
    <message>
        <source>The last day (%1) has passed: no replies are sent.</source>
        <translation>終了日（%1）を過ぎたため、返信していません。</translation>
    </message>
    <message>
        <source>Replying now, until %1.</source>
        <translation>現在、自動返信しています（%1 まで）。</translation>
    </message>
    <message>
        <source>Replying now.</source>
        <translation>現在、自動返信しています。</translation>
    </message>
</context>
<context>
    <name>fumibako::DashboardPage</name>
    <message>
        <source>Today</source>
        <translation>本日の状況</translation>
    </message>
    <message>
        <source>Open connections</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>Mail received today</source>
        <translation>本日の受信</translation>
    </message>
    <message>
        <source>Mail sent today</source>
        <translation>本日の送信</translation>
    </message>
    <message>
        <source>Waiting in the send queue</source>
        <translation>送信待ち（キュー）</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS 証明書</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>発行先：</translation>
    </message>
    <message>
        <source>Host names:</source>
        <translation>ホスト名：</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>有効期限：</translation>
    </message>
    <message>
        <source>The mail server is running</source>
        <translation>メールサーバーは稼働中です</translation>
    </message>
    <message>
        <source>The mail server is starting…</source>
        <translation>メールサーバーを起動しています…</translation>
    </message>
    <message>
        <source>The mail server is stopping…</source>
        <translation>メールサーバーを停止しています…</translation>
    </message>
    <message>
        <source>The mail server is stopped</source>
        <translation>メールサーバーは停止しています</translation>
    </message>
    <message>
        <source>The mail server could not start</source>
        <translation>メールサーバーを起動できませんでした</translation>
    </message>
    <message>
        <source>Restart Server</source>
        <translation>サーバーを再起動</translation>
    </message>
    <message>
        <source>Start Server</source>
        <translation>サーバーを起動</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1（期限切れ）</translation>
    </message>
    <message>
        <source>The certificate has expired. Mail programs will show security warnings; import a new certificate under Settings.</source>
        <translation>証明書の有効期限が切れています。メールソフトでセキュリティの警告が表示されます。［設定］から新しい証明書を取り込んでください。</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n day(s) left)</source>
        <translation>
            <numerusform>%1（残り %n 日）</numerusform>
        </translation>
    </message>
    <message>
        <source>The certificate expires soon. Import a renewed certificate under Settings.</source>
        <translation>証明書の有効期限が近づいています。［設定］から更新した証明書を取り込んでください。</translation>
    </message>
    <message>
        <source>Settings changes wait for a restart: %1. Restart the server to use them.</source>
        <translation>再起動を待っている設定の変更があります：%1。サーバーを再起動すると反映されます。</translation>
    </message>
    <message>
        <source>Virus and spam protection today</source>
        <translation>本日のウイルス・迷惑メール対策</translation>
    </message>
    <message>
        <source>Viruses found</source>
        <translation>ウイルス検出</translation>
    </message>
    <message>
        <source>Mail held as spam</source>
        <translation>迷惑メールとして隔離</translation>
    </message>
    <message>
        <source>Accepted unscored</source>
        <translation>迷惑メール未判定で受信</translation>
    </message>
    <message>
        <source>Mail accepted without a spam check because the spam scanner (spamd) did not answer. It is delivered as usual.</source>
        <translation>迷惑メール判定サーバー（spamd）が応答しなかったため、判定せずに受信したメールです。通常どおり配信されています。</translation>
    </message>
    <message>
        <source>Release links in the daily Spam Summary open pages at %1</source>
        <extracomment>%1: the URL of the server&apos;s HTTPS listener, e.g. https://mx.example.co.jp:2443/</extracomment>
        <translation>毎日の Spam Summary のリカバリ用リンクは、%1 のページを開きます</translation>
    </message>
</context>
<context>
    <name>fumibako::DkimKeyTableModel</name>
    <message>
        <source>Ed25519</source>
        <extracomment>DKIM key type; the console only makes RSA keys of 2048 bits.</extracomment>
        <translation>Ed25519</translation>
    </message>
    <message>
        <source>RSA</source>
        <translation>RSA</translation>
    </message>
    <message>
        <source>Signing</source>
        <extracomment>DKIM key state: outgoing mail of the domain is signed with this key.</extracomment>
        <translation>署名に使用中</translation>
    </message>
    <message>
        <source>Not signing</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>ドメイン</translation>
    </message>
    <message>
        <source>Selector</source>
        <extracomment>The DKIM selector: the name that tells one key of a domain from another.</extracomment>
        <translation>セレクター</translation>
    </message>
    <message>
        <source>Key type</source>
        <translation>鍵の種類</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
</context>
<context>
    <name>fumibako::DkimPage</name>
    <message>
        <source>The change was saved, but the running mail server could not load the DKIM keys; it uses them after a restart.</source>
        <translation>変更は保存しましたが、動作中のメールサーバーが DKIM の鍵を読み込めませんでした。サーバーを再起動すると反映されます。</translation>
    </message>
    <message>
        <source>The running mail server uses the change from now on.</source>
        <translation>動作中のメールサーバーにすぐ反映しました。</translation>
    </message>
    <message>
        <source>The mail server uses the change when it is started.</source>
        <translation>メールサーバーの起動時に反映されます。</translation>
    </message>
    <message>
        <source>A new DKIM key signs mail only after you publish its DNS record and then start signing with it. After you stop signing with a key, leave its record published a few more days before you delete the key. Changes here apply without restarting the mail server.</source>
        <translation>新しい DKIM の鍵は、DNS にレコードを登録し、そのあと「署名を開始」してはじめてメールに署名します。署名を停止した鍵も、数日間はレコードを残してから削除してください。ここでの変更は、メールサーバーを再起動しなくても反映されます。</translation>
    </message>
    <message>
        <source>D&amp;omain:</source>
        <translation>ドメイン(&amp;O):</translation>
    </message>
    <message>
        <source>DKIM keys</source>
        <translation>DKIM 署名用の鍵</translation>
    </message>
    <message>
        <source>&amp;Key type:</source>
        <translation>鍵の種類(&amp;K):</translation>
    </message>
    <message>
        <source>Ed25519 (newer; not every server checks it)</source>
        <translation>Ed25519（新方式・未対応の受信サーバーあり）</translation>
    </message>
    <message>
        <source>RSA 2048-bit (recommended)</source>
        <translation>RSA 2048 ビット（推奨）</translation>
    </message>
    <message>
        <source>Every receiving server can check RSA. Ed25519 is shorter and newer, but some servers cannot check it yet: use it only in addition to an RSA key.</source>
        <translation>RSA はどの受信サーバーでも確認できます。Ed25519 は短く新しい方式ですが、まだ確認できない受信サーバーもあるため、RSA の鍵と併用してください。</translation>
    </message>
    <message>
        <source>&amp;New Key</source>
        <translation>新しい鍵を作成(&amp;N)</translation>
    </message>
    <message>
        <source>Make a new key for the chosen domain. It does not sign until you start signing with it.</source>
        <translation>選んだドメインの新しい鍵を作成します。「署名を開始」するまでは署名に使われません。</translation>
    </message>
    <message>
        <source>&amp;Start Signing…</source>
        <translation>署名を開始(&amp;S)…</translation>
    </message>
    <message>
        <source>S&amp;top Signing</source>
        <translation>署名を停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop signing with the selected key. Its DNS record should stay published a few more days.</source>
        <translation>選んだ鍵での署名を停止します。DNS のレコードは数日間そのまま残してください。</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Records to publish in DNS (type TXT)</source>
        <translation>DNS に登録するレコード（種類: TXT）</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>値:</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>クリップボードにコピーします</translation>
    </message>
    <message>
        <source>For a DNS server you run yourself: every DKIM key of the domain, SPF and DMARC as lines of a BIND zone file.</source>
        <translation>DNS サーバーを自社で運用している場合に: ドメインのすべての DKIM の鍵と SPF・DMARC を、BIND のゾーンファイルの行としてコピーします。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <source>Copy All as Zone File Lines</source>
        <translation>ゾーンファイル形式ですべてコピー</translation>
    </message>
    <message>
        <source>A key that signs cannot be deleted: stop signing with it first.</source>
        <translation>署名に使用中の鍵は削除できません。先に署名を停止してください。</translation>
    </message>
    <message>
        <source>Delete the selected key for good.</source>
        <translation>選んだ鍵を完全に削除します。</translation>
    </message>
    <message>
        <source>Sign outgoing mail of the domain with the selected key. Publish its DNS record first.</source>
        <translation>選んだ鍵で、このドメインから送るメールに署名します。先に DNS にレコードを登録してください。</translation>
    </message>
    <message>
        <source>DKIM</source>
        <translation>DKIM</translation>
    </message>
    <message>
        <source>DKIM (key %1, %2)</source>
        <translation>DKIM（鍵 %1・%2）</translation>
    </message>
    <message>
        <source>Publish the record of every key in the list, including new keys that do not sign yet and keys you stopped signing with.</source>
        <translation>一覧のすべての鍵のレコードを登録してください（まだ署名に使っていない新しい鍵や、署名を停止したばかりの鍵も含みます）。</translation>
    </message>
    <message>
        <source>%1 has no DKIM key yet. Make one with New Key above.</source>
        <translation>%1 にはまだ DKIM の鍵がありません。上の「新しい鍵を作成」で作成してください。</translation>
    </message>
    <message>
        <source>Select a key in the list to see its record.</source>
        <translation>一覧で鍵を選ぶと、そのレコードが表示されます。</translation>
    </message>
    <message>
        <source>SPF (which servers may send mail for the domain)</source>
        <translation>SPF（このドメインのメールを送信してよいサーバー）</translation>
    </message>
    <message>
        <source>DMARC (what receivers do when the checks fail)</source>
        <translation>DMARC（確認に失敗したメールを受信側でどう扱うか）</translation>
    </message>
    <message>
        <source>A domain has one SPF record: if it already has one, add to it instead of publishing a second.</source>
        <translation>SPF レコードは 1 つのドメインに 1 つだけです。すでにある場合は、2 つ目を作らず既存のレコードに追記してください。</translation>
    </message>
    <message>
        <source>Allows the domain&apos;s MX servers and your sending server (smarthost) %1. If your provider documents an SPF entry (&quot;include:&quot;), use that instead.</source>
        <translation>ドメインの MX サーバーと、送信サーバー（スマートホスト）%1 からの送信を許可します。プロバイダーが SPF の設定（「include:」）を案内している場合は、そちらを使ってください。</translation>
    </message>
    <message>
        <source>Allows the domain&apos;s MX servers and this server (%1).</source>
        <translation>ドメインの MX サーバーと、このサーバー（%1）からの送信を許可します。</translation>
    </message>
    <message>
        <source>Allows the domain&apos;s MX servers.</source>
        <translation>ドメインの MX サーバーからの送信を許可します。</translation>
    </message>
    <message>
        <source>p=none only asks for reports (sent to postmaster@%1); no mail is refused. Once the reports show that all your mail passes, you can change it to p=quarantine.</source>
        <translation>p=none は集計レポート（postmaster@%1 あて）を求めるだけで、メールは拒否されません。レポートですべてのメールが確認に通ることを確かめたら、p=quarantine に変更できます。</translation>
    </message>
    <message>
        <source>The key %1 was made. Publish its DNS record shown below, then start signing with it.</source>
        <translation>鍵 %1 を作成しました。下に表示された DNS レコードを登録してから、署名を開始してください。</translation>
    </message>
    <message>
        <source>Start Signing</source>
        <translation>署名を開始</translation>
    </message>
    <message>
        <source>Sign mail from %1 with the key %2?

Publish its DNS record first:
%3

A receiving server that cannot find the record counts the signature as failed. A new record can take a few hours to be seen everywhere.</source>
        <translation>%1 から送るメールに、鍵 %2 で署名しますか？

先に、次の DNS レコードを登録してください:
%3

レコードが見つからないと、受信側では署名の確認に失敗したと扱われます。新しいレコードが行き渡るまで数時間かかることがあります。</translation>
    </message>
    <message>
        <source>The key %1 was set to sign mail from %2.</source>
        <translation>%2 から送るメールに、鍵 %1 で署名するよう設定しました。</translation>
    </message>
    <message>
        <source>The key %1 was set to stop signing.</source>
        <translation>鍵 %1 での署名を停止するよう設定しました。</translation>
    </message>
    <message>
        <source>Keep its DNS record a few more days, then delete the key.</source>
        <translation>DNS のレコードは数日間残してから、鍵を削除してください。</translation>
    </message>
    <message>
        <source>Delete DKIM Key</source>
        <translation>DKIM の鍵の削除</translation>
    </message>
    <message>
        <source>Delete the DKIM key %2 of %1?

Mail signed with it in the last few days may still be on its way; delete a key only some days after it stopped signing. Then remove its DNS record:
%3

This cannot be undone.</source>
        <translation>%1 の DKIM の鍵 %2 を削除しますか？

この鍵で最近署名したメールが、まだ配送途中の可能性があります。鍵の削除は、署名を停止して数日たってから行ってください。削除したら、次の DNS レコードも削除してください:
%3

この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>The key %1 was deleted. Its DNS record can be removed now.</source>
        <translation>鍵 %1 を削除しました。DNS のレコードも削除してかまいません。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>Two sentences one after the other: a space in English, none after 。 in Japanese.</extracomment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>DKIM, SPF and DMARC let receiving servers check that mail from your domain really comes from you, so it is less often taken for spam or a forgery. They work through records you publish in your domain&apos;s DNS.</source>
        <translation>DKIM・SPF・DMARC は、あなたのドメインから送ったメールが本物かどうかを、受信側のサーバーが確かめるためのしくみです。迷惑メールやなりすましと判定されにくくなります。ドメインの DNS にレコードを登録して使います。</translation>
    </message>
    <message>
        <source>Some DNS control panels want the name without &quot;.%1&quot;.</source>
        <translation>DNS の管理画面によっては、名前の欄に「.%1」を除いた部分だけを入力します。</translation>
    </message>
</context>
<context>
    <name>fumibako::DomainPage</name>
    <message>
        <source>Domain and administrator</source>
        <translation>ドメインと管理者</translation>
    </message>
    <message>
        <source>The domain is the part after the @ in your company&apos;s mail addresses.</source>
        <translation>ドメインとは、会社のメールアドレスの「@」より後ろの部分です。</translation>
    </message>
    <message>
        <source>Mail &amp;domain:</source>
        <translation>メールドメイン(&amp;D)：</translation>
    </message>
    <message>
        <source>Server &amp;host name:</source>
        <translation>サーバーのホスト名(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Administrator address:</source>
        <translation>管理者のアドレス(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. System administrator</source>
        <translation>例: システム管理者</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P)：</translation>
    </message>
    <message>
        <source>At least %1 characters. The password is stored only in scrambled (hashed) form; nobody can read it back.</source>
        <translation>%1文字以上で設定してください。パスワードは元に戻せない形式（ハッシュ）でのみ保存され、誰も読み出すことはできません。</translation>
    </message>
    <message>
        <source>noreply@ is created automatically as a send-only address. Choose another address for the administrator.</source>
        <translation>noreply@ は送信専用アドレスとして自動で作成されます。管理者には別のアドレスを指定してください。</translation>
    </message>
    <message>
        <source>Administrator&apos;s displa&amp;y name:</source>
        <translation>管理者の表示名(&amp;Y)：</translation>
    </message>
    <message>
        <source>Con&amp;firm password:</source>
        <translation>パスワードの確認(&amp;F)：</translation>
    </message>
    <message>
        <source>Optional. The name this server gives itself when it talks to other mail servers. Leave empty to use this computer&apos;s name.</source>
        <translation>省略できます。ほかのメールサーバーとやり取りする際に、このサーバーが名乗る名前です。空欄の場合はこのコンピューターの名前を使います。</translation>
    </message>
</context>
<context>
    <name>fumibako::FilterPage</name>
    <message>
        <source>Mail that a filter blocks is kept in the spam quarantine instead of the mailbox. Allow lists come before block lists, and both before the spam score. Mail that claims to come from your own domain but from an address that does not exist is always quarantined while a filter is in use.</source>
        <translation>フィルタで受信拒否されたメールは、メールボックスではなくスパムボックス（迷惑メールの隔離場所）に保管されます。受信許可リストは受信拒否リストより優先され、どちらも迷惑メール判定のスコアより優先されます。フィルタを使っている間は、自社ドメインを名乗っていても実在しないアドレスから届いたメールは、なりすましとして必ず隔離されます。</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>フィルタ(&amp;F):</translation>
    </message>
    <message>
        <source>Common filter (all accounts)</source>
        <translation>共通フィルタ（全アカウント）</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Keep quarantined mail for:</source>
        <translation>隔離メールの保存期間:</translation>
    </message>
    <message>
        <source>Show the common filter to users (they cannot change it)</source>
        <translation>共通フィルタを利用者に公開する（利用者は変更できません）</translation>
    </message>
    <message>
        <source>Add:</source>
        <translation>追加:</translation>
    </message>
    <message>
        <source>Address, domain or word</source>
        <translation>メールアドレス・ドメイン・語句</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>Server setting (%n day(s))</source>
        <translation>
            <numerusform>サーバーの設定に従う（%n 日）</numerusform>
        </translation>
    </message>
    <message>
        <source>Use the common filter</source>
        <translation>共通フィルタを使う</translation>
    </message>
    <message>
        <source>Apply the common filter to this account</source>
        <translation>このアカウントに共通フィルタを適用する</translation>
    </message>
    <message>
        <source>The common filter is turned off for all accounts.</source>
        <translation>共通フィルタは全アカウントで無効になっています。</translation>
    </message>
    <message numerus="yes">
        <source>The %n entry(s) of the common filter also apply to this account.</source>
        <translation>
            <numerusform>共通フィルタの %n 件の条件も、このアカウントに適用されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>The common filter does not apply to this account.</source>
        <translation>このアカウントには共通フィルタを適用していません。</translation>
    </message>
    <message>
        <source>%1 – %2: %3 / %4 entries</source>
        <extracomment>How many entries the chosen list (%1) and field (%2) hold (%3), of the most allowed (%4).</extracomment>
        <translation>%1・%2: %3 / %4 件</translation>
    </message>
    <message>
        <source>Saved. New mail is filtered this way.</source>
        <translation>保存しました。これから届くメールに適用されます。</translation>
    </message>
    <message>
        <source>Added. New mail is filtered this way.</source>
        <translation>追加しました。これから届くメールに適用されます。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) removed.</source>
        <translation>
            <numerusform>%n 件の条件を削除しました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fumibako::FilterTableModel</name>
    <message>
        <source>Allow</source>
        <extracomment>Spam filter list: mail matching it always reaches the mailbox (除外リスト).</extracomment>
        <translation>受信許可</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>受信拒否</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>差出人アドレス</translation>
    </message>
    <message>
        <source>Sender domain</source>
        <translation>差出人ドメイン</translation>
    </message>
    <message>
        <source>Word in subject</source>
        <extracomment>A spam filter entry that matches a word anywhere in the subject.</extracomment>
        <translation>件名に含む語句</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>English (half-width subject)</source>
        <extracomment>Language filter: subjects of half-width letters only (the FAQ&apos;s rule).</extracomment>
        <translation>英語（件名が半角のみ）</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中国語</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韓国語</translation>
    </message>
    <message>
        <source>Russian and other Cyrillic</source>
        <translation>ロシア語など（キリル文字）</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>タイ語</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>ベトナム語</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>アラビア語</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>ヘブライ語</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>ギリシャ語</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>トルコ語</translation>
    </message>
    <message>
        <source>List</source>
        <extracomment>Column: whether the entry allows or blocks.</extracomment>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Compared with</source>
        <extracomment>Column: what part of the mail the entry is compared with.</extracomment>
        <translation>対象</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>fumibako::ForwardingPanel</name>
    <message>
        <source>Mail that arrives for %1 can also be sent on to other addresses, for example a mobile phone. Up to %2 addresses.</source>
        <translation>%1 に届いたメールを、携帯電話など別のアドレスにも転送します。転送先は %2 件まで登録できます。</translation>
    </message>
    <message>
        <source>Forward to</source>
        <translation>転送先</translation>
    </message>
    <message>
        <source>e.g. taro@example.com</source>
        <translation>例: taro@example.com</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Copy on this server</source>
        <extracomment>The 保存設定 of the FAQ: whether forwarded mail also stays in this mailbox.</extracomment>
        <translation>保存設定</translation>
    </message>
    <message>
        <source>Keep a copy on the server</source>
        <translation>サーバにコピーを残す</translation>
    </message>
    <message>
        <source>Do not keep a copy on the server</source>
        <translation>サーバにコピーを残さない</translation>
    </message>
    <message>
        <source>Send delivery errors from the forwarding addresses to this address</source>
        <translation>転送先からのエラー配信先を転送元アドレスにする</translation>
    </message>
    <message>
        <source>Forwarded mail will not be kept in this mailbox: it cannot be received at this address with a mail program, only at the forwarding addresses. Mail that is already here stays.</source>
        <translation>転送したメールはこのメールボックスに残りません。転送元のPOPサーバでは確認できず、転送先でのみ確認できます。すでに届いているメールはそのまま残ります。</translation>
    </message>
    <message>
        <source>What is forwarded</source>
        <translation>転送する内容</translation>
    </message>
    <message>
        <source>Forward everything</source>
        <translation>すべて転送</translation>
    </message>
    <message>
        <source>Forward without attachments</source>
        <translation>添付を削除して転送</translation>
    </message>
    <message>
        <source>Do not forward mail judged as spam</source>
        <translation>迷惑メールと判定されたメールを転送しない</translation>
    </message>
    <message>
        <source>Conditions (optional)</source>
        <extracomment>条件の設定: forward only the mail that matches.</extracomment>
        <translation>条件の設定（任意）</translation>
    </message>
    <message>
        <source>Sender &amp;contains:</source>
        <translation>送信者に次を含む(&amp;C):</translation>
    </message>
    <message>
        <source>S&amp;ubject contains:</source>
        <translation>件名に次を含む(&amp;U):</translation>
    </message>
    <message>
        <source>e.g. @customer.co.jp</source>
        <translation>例: @customer.co.jp</translation>
    </message>
    <message>
        <source>e.g. Urgent</source>
        <translation>例: 至急</translation>
    </message>
    <message>
        <source>Empty: all mail is forwarded. With both filled in, only mail that matches both is forwarded.</source>
        <translation>空欄のときは、すべてのメールを転送します。両方を入力すると、両方に当てはまるメールだけを転送します。</translation>
    </message>
    <message>
        <source>To prevent loops, mail from postmaster and mailer-daemon and mail held as spam is never forwarded. If a forwarding address cannot be reached, the error sent back does not show that address.</source>
        <translation>ループを防ぐため、postmaster・mailer-daemon からのメールと、迷惑メールとして隔離されたメールは転送されません。転送先に届かなかったときに送信者へ返るエラーには、転送先のアドレスは書かれません。</translation>
    </message>
    <message>
        <source>&amp;Stop Forwarding…</source>
        <translation>転送を停止(&amp;S)…</translation>
    </message>
    <message>
        <source>Only while a copy is kept on the server.</source>
        <translation>「サーバにコピーを残す」を選んだときだけ設定できます。</translation>
    </message>
    <message>
        <source>Add at least one forwarding address. To stop forwarding, use Stop Forwarding.</source>
        <translation>転送先を1件以上追加してください。転送をやめるときは「転送を停止」を押してください。</translation>
    </message>
    <message>
        <source>Add at least one forwarding address.</source>
        <translation>転送先を1件以上追加してください。</translation>
    </message>
    <message>
        <source>An account cannot forward to itself.</source>
        <translation>自分自身のアドレスには転送できません。</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 は既に転送先に入っています。</translation>
    </message>
    <message>
        <source>Mail can be forwarded to at most %1 addresses.</source>
        <translation>転送先は %1 件まで登録できます。</translation>
    </message>
    <message>
        <source>%1 forwards mail back to %2 (mutual forwarding). Mail passed between them is stopped by the loop check and the sender gets an error. Remove one of the two forwardings if the mail should arrive.</source>
        <extracomment>%1: the accounts (one or more, comma-separated) that forward back here.</extracomment>
        <translation>%1 は %2 あてに転送しています（相互転送）。この間で転送されたメールはループ防止のため止められ、送信者にエラーが返ります。メールを届けたい場合は、どちらかの転送をやめてください。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 / %2 addresses</source>
        <translation>%1 / %2 件</translation>
    </message>
    <message>
        <source>Forwarding is off.</source>
        <translation>現在、転送はしていません。</translation>
    </message>
    <message numerus="yes">
        <source>Forwarding to %n address(es).</source>
        <translation>
            <numerusform>現在、%n 件のアドレスに転送しています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop Forwarding</source>
        <translation>転送を停止</translation>
    </message>
    <message>
        <source>Stop forwarding the mail of %1?

New mail will only arrive in this mailbox. The forwarding addresses and options are removed.</source>
        <translation>%1 のメールの転送を停止しますか？

これからのメールはこのメールボックスにだけ届きます。転送先と転送の設定は削除されます。</translation>
    </message>
</context>
<context>
    <name>fumibako::GroupTableModel</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>Separator between the members of a group in the list.</extracomment>
        <translation>、</translation>
    </message>
    <message>
        <source>Group address</source>
        <extracomment>Column: the group address that delivers to several recipients.</extracomment>
        <translation>グループアドレス</translation>
    </message>
    <message>
        <source>Members</source>
        <extracomment>Column: how many members a group has.</extracomment>
        <translation>メンバー数</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <extracomment>Column: the addresses a group delivers to.</extracomment>
        <translation>メンバー</translation>
    </message>
</context>
<context>
    <name>fumibako::IntroPage</name>
    <message>
        <source>Welcome to Fumibako</source>
        <translation>文箱へようこそ</translation>
    </message>
    <message>
        <source>Set up your company&apos;s mail server in a few steps.</source>
        <translation>いくつかの手順で、会社のメールサーバーを設定します。</translation>
    </message>
    <message>
        <source>This wizard prepares the mail server for first use. You will need:</source>
        <translation>このウィザードでは、メールサーバーを使い始めるための設定を行います。次の情報をご用意ください。</translation>
    </message>
    <message>
        <source>&lt;ul&gt;&lt;li&gt;your company&apos;s mail domain (for example example.co.jp)&lt;/li&gt;&lt;li&gt;an address and password for the administrator&lt;/li&gt;&lt;li&gt;the port numbers the server listens on (the defaults usually work)&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;ul&gt;&lt;li&gt;会社のメールドメイン（例: example.co.jp）&lt;/li&gt;&lt;li&gt;管理者用のメールアドレスとパスワード&lt;/li&gt;&lt;li&gt;サーバーが使用するポート番号（通常は初期値のままで構いません）&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Mail and settings will be kept in this folder:
%1</source>
        <translation>メールと設定は次のフォルダーに保存されます。
%1</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語（Language）：</translation>
    </message>
</context>
<context>
    <name>fumibako::ListenerTableModel</name>
    <message>
        <source>All addresses</source>
        <translation>すべてのアドレス</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>待ち受け中</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>SMTP (receiving)</source>
        <translation>SMTP（受信）</translation>
    </message>
    <message>
        <source>Submission (sending, STARTTLS)</source>
        <translation>サブミッション（送信・STARTTLS）</translation>
    </message>
    <message>
        <source>SMTPS (sending, SSL/TLS)</source>
        <translation>SMTPS（送信・SSL/TLS）</translation>
    </message>
    <message>
        <source>POP3 (STARTTLS)</source>
        <translation>POP3（STARTTLS）</translation>
    </message>
    <message>
        <source>POP3S (SSL/TLS)</source>
        <translation>POP3S（SSL/TLS）</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Incoming mail from other servers</source>
        <translation>社外から届くメールの受け付け</translation>
    </message>
    <message>
        <source>Sending from users&apos; mail programs</source>
        <translation>社員のメールソフトからの送信</translation>
    </message>
    <message>
        <source>Mail programs fetching their mail</source>
        <translation>メールソフトでのメール受信</translation>
    </message>
    <message>
        <source>IMAP (STARTTLS)</source>
        <translation>IMAP（STARTTLS）</translation>
    </message>
    <message>
        <source>IMAPS (SSL/TLS)</source>
        <translation>IMAPS（SSL/TLS）</translation>
    </message>
    <message>
        <source>HTTPS (release links)</source>
        <translation>HTTPS（受信箱に移すリンク）</translation>
    </message>
    <message>
        <source>Release links in the daily Spam Summary</source>
        <translation>毎日の Spam Summary にある、迷惑メールを受信箱に移すリンク</translation>
    </message>
</context>
<context>
    <name>fumibako::LogPage</name>
    <message>
        <source>&amp;Address:</source>
        <translation>アドレス(&amp;A)：</translation>
    </message>
    <message>
        <source>All addresses</source>
        <translation>すべてのアドレス</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>種類(&amp;T)：</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期間(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>検索(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %n entries. Narrow the search to see older ones.</source>
        <translation>
            <numerusform>新しいものから %n 件を表示しています。それより古いログを見るには、条件を絞り込んでください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fumibako::LogTableModel</name>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>接続元</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受信</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配信</translation>
    </message>
    <message>
        <source>POP3 login</source>
        <translation>POP3 ログイン</translation>
    </message>
    <message>
        <source>Authentication failure</source>
        <translation>認証失敗</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>キュー</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Server started</source>
        <translation>サーバーを起動しました</translation>
    </message>
    <message>
        <source>Server stopped</source>
        <translation>サーバーを停止しました</translation>
    </message>
    <message>
        <source>SMTP authentication failed</source>
        <translation>SMTP 認証に失敗しました</translation>
    </message>
    <message>
        <source>POP3 login failed</source>
        <translation>POP3 ログインに失敗しました</translation>
    </message>
    <message>
        <source>Refused: locked out after repeated failures</source>
        <translation>拒否: 認証の失敗が続いたため一時的にロックされています</translation>
    </message>
    <message>
        <source>IMAP login</source>
        <translation>IMAP ログイン</translation>
    </message>
    <message>
        <source>(no sender)</source>
        <translation>（差出人なし）</translation>
    </message>
    <message numerus="yes">
        <source>From %1, %2, %n recipient(s)</source>
        <translation>
            <numerusform>差出人 %1、%2、宛先 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>, sent by %1</source>
        <translation>、送信者 %1</translation>
    </message>
    <message>
        <source>Discarded (to a send-only address): %1</source>
        <translation>破棄（送信専用アドレス宛て）: %1</translation>
    </message>
    <message>
        <source>Not accepted: %1 (%2)</source>
        <translation>受け付けられませんでした: %1（%2）</translation>
    </message>
    <message>
        <source> [ID %1]</source>
        <translation>［ID %1］</translation>
    </message>
    <message>
        <source>Delivered to the mailbox [ID %1]</source>
        <translation>メールボックスに配信しました［ID %1］</translation>
    </message>
    <message>
        <source>Queued for sending to the recipient&apos;s server [ID %1]</source>
        <translation>相手先サーバーへの送信キューに入れました［ID %1］</translation>
    </message>
    <message numerus="yes">
        <source>Logged in without encryption, %n message(s) in the mailbox</source>
        <translation>
            <numerusform>暗号化なしでログイン（メールボックスに %n 通）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Logged in over TLS, %n message(s) in the mailbox</source>
        <translation>
            <numerusform>TLS でログイン（メールボックスに %n 通）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Logged out, %n message(s) deleted from the server</source>
        <translation>
            <numerusform>ログアウト（サーバーから %n 通を削除）</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: the message (%1) is larger than the size limit. From %2</source>
        <translation>拒否: メールのサイズ（%1）が上限を超えています。差出人 %2</translation>
    </message>
    <message>
        <source>Refused: the message has broken line endings. From %1</source>
        <translation>拒否: メールの改行コードが不正です。差出人 %1</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>受信拒否</translation>
    </message>
    <message>
        <source>Deferred: the server is busy with other messages; the sender will try again. From %1</source>
        <translation>保留: ほかのメールを処理中のため受け付けを見送りました（送信元が再送します）。差出人 %1</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>ログインしました</translation>
    </message>
    <message>
        <source>IMAP login failed</source>
        <translation>IMAP ログインに失敗しました</translation>
    </message>
    <message>
        <source>Login refused: too many sessions for this account from this address</source>
        <translation>ログイン拒否: このアカウントへの同じ接続元からの同時接続数が上限に達しています</translation>
    </message>
</context>
<context>
    <name>fumibako::MailboxPanel</name>
    <message>
        <source>The folders of %1 on the server, with the number of messages and the space they use.</source>
        <translation>サーバー上にある %1 のフォルダーと、それぞれのメール数・使用容量です。</translation>
    </message>
    <message numerus="yes">
        <source>Total: %Ln message(s), %1</source>
        <translation>
            <numerusform>合計 %Ln 通（%1）</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Empty Mailbox…</source>
        <translation>メールボックスの初期化(&amp;E)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>最新の情報に更新(&amp;F)</translation>
    </message>
    <message>
        <source>Empty Mailbox deletes every message in the inbox (INBOX) from the server, for example when a mail program times out receiving a full mailbox. Mail in the other folders is kept, and so is mail a mail program has already downloaded to a computer.</source>
        <translation>「メールボックスの初期化」を行うと、受信トレイ（INBOX）のメールをサーバーからすべて削除します。メールが多すぎてメールソフトの受信がタイムアウトする場合などにご利用ください。ほかのフォルダーのメールと、メールソフトでパソコンに受信済みのメールは残ります。</translation>
    </message>
    <message>
        <source>Empty Mailbox</source>
        <translation>メールボックスの初期化</translation>
    </message>
    <message>
        <source>The inbox of %1 is already empty.</source>
        <translation>%1 の受信トレイにメールはありません。</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>初期化する</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) were deleted from the inbox of %1.</source>
        <translation>
            <numerusform>%1 の受信トレイから %Ln 通のメールを削除しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>The inbox is empty.</source>
        <translation>受信トレイにメールはありません。</translation>
    </message>
    <message numerus="yes">
        <source>Empty the mailbox of %1?

%Ln message(s) (%2) in the inbox (INBOX) will be deleted from the server. Mail in the other folders is kept. This cannot be undone.</source>
        <translation>
            <numerusform>%1 のメールボックスを初期化しますか？

受信トレイ（INBOX）にある %Ln 通（%2）のメールをサーバーから削除します。ほかのフォルダーのメールは残ります。この操作は元に戻せません。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fumibako::MailboxTableModel</name>
    <message>
        <source>Inbox</source>
        <translation>受信トレイ</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>送信済み</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>ごみ箱</translation>
    </message>
    <message>
        <source>Junk mail</source>
        <translation>迷惑メール</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A system folder: its name in the console&apos;s language, then the name mail programs see.</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln 通</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unread</source>
        <translation>
            <numerusform>未読 %Ln 通</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 バイト</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>メール数</translation>
    </message>
    <message>
        <source>Used space</source>
        <translation>使用容量</translation>
    </message>
</context>
<context>
    <name>fumibako::MainWindow</name>
    <message>
        <source>Fumibako Mail Server</source>
        <translation>文箱 メールサーバー</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>サーバー(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Start Server</source>
        <translation>サーバーを起動(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top Server</source>
        <translation>サーバーを停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Restart Server</source>
        <translation>サーバーを再起動(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Fumibako</source>
        <translation>文箱について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Open Console</source>
        <translation>コンソールを開く(&amp;O)</translation>
    </message>
    <message>
        <source>Server: running</source>
        <translation>サーバー: 稼働中</translation>
    </message>
    <message>
        <source>Server: starting…</source>
        <translation>サーバー: 起動中…</translation>
    </message>
    <message>
        <source>Server: stopping…</source>
        <translation>サーバー: 停止処理中…</translation>
    </message>
    <message>
        <source>Server: stopped</source>
        <translation>サーバー: 停止中</translation>
    </message>
    <message>
        <source>Server: could not start</source>
        <translation>サーバー: 起動できませんでした</translation>
    </message>
    <message>
        <source>Fumibako keeps running</source>
        <translation>文箱は動作を続けています</translation>
    </message>
    <message>
        <source>The mail server keeps running in the background. To quit, use Quit in the tray icon&apos;s menu.</source>
        <translation>メールサーバーはバックグラウンドで動作を続けます。終了するには、通知領域のアイコンのメニューから［終了］を選んでください。</translation>
    </message>
    <message>
        <source>Quit Fumibako</source>
        <translation>文箱の終了</translation>
    </message>
    <message>
        <source>Closing the console stops the mail server: mail can no longer be received or sent until it is started again. Quit?</source>
        <translation>コンソールを閉じるとメールサーバーも停止し、再び起動するまでメールの送受信ができなくなります。終了しますか？</translation>
    </message>
    <message>
        <source>Stop and Quit</source>
        <translation>停止して終了</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stopping the mail server…</source>
        <translation>メールサーバーを停止しています…</translation>
    </message>
    <message>
        <source>About Fumibako</source>
        <translation>文箱について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fumibako %1&lt;/h3&gt;&lt;p&gt;A mail server for small companies.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;文箱 %1&lt;/h3&gt;&lt;p&gt;中小企業向けのメールサーバーです。&lt;/p&gt;&lt;p&gt;データフォルダー: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restart needed for setting changes</source>
        <translation>設定の反映に再起動が必要です</translation>
    </message>
    <message>
        <source>Waiting for a restart of the mail server: %1. Click to open Settings.</source>
        <translation>メールサーバーの再起動後に反映される変更：%1。クリックすると［設定］を開きます。</translation>
    </message>
</context>
<context>
    <name>fumibako::MessagePreviewPane</name>
    <message>
        <source>%1 %2</source>
        <extracomment>Two sentences in a row: English puts a space between them, Japanese does not.</extracomment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（件名なし）</translation>
    </message>
    <message>
        <source> (Cc: %1)</source>
        <translation>（Cc: %1）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>An attachment: its file name (or type), then its size.</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>This message has only an HTML version. It is shown as plain text: no pictures are loaded and no links can be opened.</source>
        <translation>このメールには HTML 版しかないため、テキストとして表示しています。画像は読み込まず、リンクも開けません。</translation>
    </message>
    <message>
        <source>Attachments are never opened here.</source>
        <translation>添付ファイルはここでは開きません。</translation>
    </message>
    <message>
        <source>The text is long; only its beginning is shown.</source>
        <translation>本文が長いため、先頭のみ表示しています。</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>（本文なし）</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>差出人：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>宛先：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日時：</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>件名：</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>添付ファイル：</translation>
    </message>
</context>
<context>
    <name>fumibako::PasswordDialog</name>
    <message>
        <source>Reset Password</source>
        <translation>パスワードの再設定</translation>
    </message>
    <message>
        <source>Set a new password for %1.</source>
        <translation>%1 の新しいパスワードを設定します。</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新しいパスワード(&amp;N)：</translation>
    </message>
    <message>
        <source>At least %1 characters. The old password stops working at once; mail programs using it must be given the new one.</source>
        <translation>%1文字以上で設定してください。古いパスワードはすぐに使えなくなるため、メールソフトの設定も新しいパスワードに変更してください。</translation>
    </message>
    <message>
        <source>&amp;Reset Password</source>
        <translation>再設定する(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Con&amp;firm new password:</source>
        <translation>新しいパスワードの確認(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>fumibako::PortsPage</name>
    <message>
        <source>Ports</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>The port numbers on which the server receives mail and connections from mail programs.</source>
        <translation>メールの受信や、メールソフトからの接続に使うポート番号です。</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Port %1 is used twice (%2 and %3). Give each service its own port.</source>
        <translation>ポート %1 が重複しています（%2 と %3）。サービスごとに異なるポート番号を指定してください。</translation>
    </message>
    <message>
        <source>The defaults work without administrator rights. The standard ports (25, 587, 465, 110, 995, 143, 993) can be set later under Settings when the server runs as a system service.</source>
        <translation>初期値は管理者権限がなくても使えるポート番号です。標準のポート番号（25、587、465、110、995、143、993）は、サーバーをシステムのサービスとして動かす場合に、後から［設定］で変更できます。</translation>
    </message>
</context>
<context>
    <name>fumibako::QuarantinePage</name>
    <message>
        <source>Mail held as spam or by the spam filters, for every account. Check why a message was held and what it says, then release wanted mail to the recipient&apos;s inbox or delete it. Held mail is deleted automatically after the retention period.</source>
        <translation>全アカウントの、迷惑メールと判定されたメールや迷惑メールフィルタで隔離されたメールです。隔離された理由と内容を確認し、必要なメールはリカバリ（受信者の受信箱へ戻す）、不要なメールは削除してください。隔離されたメールは保存期間を過ぎると自動的に削除されます。</translation>
    </message>
    <message>
        <source>Search sender, subject or recipient</source>
        <translation>差出人・件名・宛先で検索</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>アカウント(&amp;A):</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>すべてのアカウント</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>理由(&amp;S):</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>すべての理由</translation>
    </message>
    <message>
        <source>Received &amp;between</source>
        <translation>受信日で絞り込み(&amp;B)</translation>
    </message>
    <message>
        <source>No mail is held.
Spam and mail caught by the spam filters appear here until they are released, deleted or expire.</source>
        <translation>隔離されているメールはありません。
迷惑メールやフィルタで隔離されたメールは、リカバリ・削除されるか保存期間が過ぎるまでここに表示されます。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>&amp;Release to Inbox</source>
        <translation>リカバリ（受信箱へ戻す）(&amp;R)</translation>
    </message>
    <message>
        <source>Put the selected messages into their recipients&apos; inboxes, unchanged.</source>
        <translation>選択したメールを、そのままの内容で受信者の受信箱へ戻します。</translation>
    </message>
    <message>
        <source>Release &amp;&amp; &amp;Allow Sender</source>
        <translation>リカバリして差出人を許可(&amp;A)</translation>
    </message>
    <message>
        <source>Release the selected messages and add their senders to the recipient&apos;s allow list, so their mail is no longer held.</source>
        <translation>選択したメールをリカバリし、差出人を受信者の許可リストに追加します。以後この差出人からのメールは隔離されません。</translation>
    </message>
    <message>
        <source>&amp;Block Sender</source>
        <translation>差出人を拒否(&amp;B)</translation>
    </message>
    <message>
        <source>Add the senders of the selected messages to the recipient&apos;s deny list. The held messages stay here.</source>
        <translation>選択したメールの差出人を受信者の拒否リストに追加します。隔離中のメールはそのまま残ります。</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>削除(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete the selected messages for good. They are not delivered.</source>
        <translation>選択したメールを完全に削除します。受信者には配信されません。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) held</source>
        <translation>
            <numerusform>隔離中 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n message(s) shown</source>
        <translation>
            <numerusform>%n 件中 %1 件を表示</numerusform>
        </translation>
    </message>
    <message>
        <source>The database is busy or cannot be opened right now. The list will be read again in a moment.</source>
        <translation>データベースが使用中か、開けません。しばらくしてから一覧を読み直します。</translation>
    </message>
    <message>
        <source>The list of held mail could not be read.</source>
        <translation>隔離メールの一覧を読み込めませんでした。</translation>
    </message>
    <message>
        <source>Select a message to see its contents here.</source>
        <translation>メールを選択すると、ここに内容が表示されます。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) selected.</source>
        <translation>
            <numerusform>%n 件のメールを選択中です。</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>This message is no longer held.</source>
        <translation>このメールはすでに隔離されていません。</translation>
    </message>
    <message>
        <source>This message could not be read.</source>
        <translation>このメールを読み込めませんでした。</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（件名なし）</translation>
    </message>
    <message>
        <source>Score %1: %2</source>
        <translation>スコア %1：%2</translation>
    </message>
    <message>
        <source>Delete this message from the quarantine?

From: %1
Subject: %2

It is not delivered to %3. This cannot be undone.</source>
        <translation>このメールを隔離から削除しますか？

差出人: %1
件名: %2

%3 には配信されません。この操作は元に戻せません。</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s) from the quarantine?

They are not delivered to their recipients. This cannot be undone.</source>
        <translation>
            <numerusform>%n 件のメールを隔離から削除しますか？

受信者には配信されません。この操作は元に戻せません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Held Mail</source>
        <translation>隔離メールの削除</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message numerus="yes">
        <source>Releasing %n message(s)…</source>
        <translation>
            <numerusform>%n 件のメールをリカバリしています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n message(s)…</source>
        <translation>
            <numerusform>%n 件のメールを削除しています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding the senders of %n message(s) to the deny list…</source>
        <translation>
            <numerusform>%n 件のメールの差出人を拒否リストに追加しています…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Held Mail</source>
        <translation>隔離メール</translation>
    </message>
    <message>
        <source>the database was busy; try again in a moment</source>
        <translation>データベースが使用中でした。しばらくしてからやり直してください</translation>
    </message>
    <message>
        <source>the message has no sender address to add to a list</source>
        <translation>差出人アドレスがないため、リストに追加できません</translation>
    </message>
    <message>
        <source>the list of %1 is full (at most 100 entries)</source>
        <translation>%1 のリストがいっぱいです（最大 100 件）</translation>
    </message>
    <message>
        <source>the sender&apos;s address cannot be added to a list</source>
        <translation>この差出人アドレスはリストに追加できません</translation>
    </message>
    <message>
        <source>it is no longer held (released or deleted meanwhile)</source>
        <translation>すでに隔離されていません（別の操作でリカバリまたは削除済み）</translation>
    </message>
    <message>
        <source>the mailbox of %1 is full</source>
        <translation>%1 のメールボックスの容量が不足しています</translation>
    </message>
    <message>
        <source>it could not be released</source>
        <translation>リカバリできませんでした</translation>
    </message>
    <message>
        <source>it could not be deleted</source>
        <translation>削除できませんでした</translation>
    </message>
    <message>
        <source>the sender could not be added to the deny list</source>
        <translation>差出人を拒否リストに追加できませんでした</translation>
    </message>
    <message>
        <source>%1 (from %2): %3</source>
        <extracomment>One failed message: its subject, its sender, why it failed.</extracomment>
        <translation>%1（差出人: %2）: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) released to the inbox.</source>
        <translation>
            <numerusform>%n 件のメールを受信箱へリカバリしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) released and their senders allowed.</source>
        <translation>
            <numerusform>%n 件のメールをリカバリし、差出人を許可リストに追加しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>%n 件のメールを削除しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The senders of %n message(s) were added to the deny list.</source>
        <translation>
            <numerusform>%n 件のメールの差出人を拒否リストに追加しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n message(s) were not processed.</source>
        <translation>
            <numerusform>中止しました。%n 件は処理していません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) failed.</source>
        <translation>
            <numerusform>%n 件は失敗しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) could not be processed:</source>
        <translation>
            <numerusform>次の %n 件を処理できませんでした:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more (see Details)</source>
        <translation>
            <numerusform>ほか %n 件（詳細を参照）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the sender gives an address of this server&apos;s own domain that is no account here</source>
        <translation>%1（差出人はこのサーバーのドメインのアドレスを名乗っていますが、そのアカウントはありません）</translation>
    </message>
</context>
<context>
    <name>fumibako::QuarantineTableModel</name>
    <message>
        <source>Spam score</source>
        <extracomment>Why a message was held: SpamAssassin scored it at or over the threshold.</extracomment>
        <translation>迷惑メール判定</translation>
    </message>
    <message>
        <source>Spam filter</source>
        <extracomment>Why a message was held: an entry of a deny list (迷惑メールフィルタ) matched.</extracomment>
        <translation>迷惑メールフィルタ</translation>
    </message>
    <message>
        <source>Language filter</source>
        <extracomment>Why a message was held: the language filter (by charset or half-width subject).</extracomment>
        <translation>言語フィルタ</translation>
    </message>
    <message>
        <source>Spoofed sender</source>
        <extracomment>Why a message was held: the sender claims our own domain but is no account here.</extracomment>
        <translation>なりすまし</translation>
    </message>
    <message>
        <source>Virus</source>
        <translation>ウイルス</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>Reason column: the kind of rule, then what matched.</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>(no sender)</source>
        <extracomment>The envelope sender of a delivery report is empty (&lt;&gt;).</extracomment>
        <translation>（差出人なし）</translation>
    </message>
    <message>
        <source>%1 (to %2)</source>
        <translation>%1（宛先: %2）</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <extracomment>A held message without a subject.</extracomment>
        <translation>（件名なし）</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>理由: %1</translation>
    </message>
    <message>
        <source>Rules: %1</source>
        <translation>ルール: %1</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>サイズ: %1</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受信日時</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>宛先</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>差出人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>%1 – %2: %3 (common filter)</source>
        <extracomment>A filter entry of the common filter: its list, field and value.</extracomment>
        <translation>%1・%2: %3（共通フィルタ）</translation>
    </message>
    <message>
        <source>%1 – %2: %3</source>
        <extracomment>A filter entry of the account&apos;s own filter: its list, field and value.</extracomment>
        <translation>%1・%2: %3</translation>
    </message>
</context>
<context>
    <name>fumibako::QueuePage</name>
    <message>
        <source>Mail to other servers waits here until the receiving server accepts it. Mail that could not be delivered is retried automatically; after the retry period it is returned to the sender.</source>
        <translation>社外あてのメールは、相手のサーバーが受け取るまでここで待機します。届かなかったメールは自動で再送され、期限を過ぎると差出人に返送されます。</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>状態(&amp;S):</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>Destination &amp;domain:</source>
        <translation>宛先ドメイン(&amp;D):</translation>
    </message>
    <message>
        <source>All domains</source>
        <translation>すべてのドメイン</translation>
    </message>
    <message>
        <source>The send queue is empty.
All mail to other servers has been sent.</source>
        <translation>送信キューは空です。
社外あてのメールはすべて送信されました。</translation>
    </message>
    <message>
        <source>&amp;Retry Now</source>
        <translation>今すぐ再送(&amp;R)</translation>
    </message>
    <message>
        <source>Try to send the selected message again now, without waiting for the next scheduled retry.</source>
        <translation>次回の再送時刻を待たずに、選択したメールを今すぐ送信し直します。</translation>
    </message>
    <message>
        <source>Show &amp;Headers</source>
        <translation>ヘッダーを表示(&amp;H)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>削除(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete the selected message from the queue. It is not sent and not returned.</source>
        <translation>選択したメールを送信キューから削除します。送信も返送もされません。</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n 件の宛先</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n recipient(s) shown</source>
        <translation>
            <numerusform>%n 件中 %1 件を表示</numerusform>
        </translation>
    </message>
    <message>
        <source>The message is being sent again now.</source>
        <translation>このメールを今すぐ再送しています。</translation>
    </message>
    <message>
        <source>The message will be sent when the mail server is started.</source>
        <translation>メールサーバーを起動すると、このメールが送信されます。</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>ほか %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete from the Send Queue</source>
        <translation>送信キューから削除</translation>
    </message>
    <message>
        <source>Delete this message from the send queue?

From: %1
To:
%2

The message is not sent to anyone listed and is not returned to the sender. This cannot be undone.</source>
        <translation>このメールを送信キューから削除しますか？

差出人: %1
宛先:
%2

上記のどの宛先にも送信されず、差出人にも返送されません。この操作は取り消せません。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除する</translation>
    </message>
    <message>
        <source>The message was deleted from the send queue.</source>
        <translation>メールを送信キューから削除しました。</translation>
    </message>
    <message>
        <source>Message Headers</source>
        <translation>メールのヘッダー</translation>
    </message>
</context>
<context>
    <name>fumibako::QueueTableModel</name>
    <message>
        <source>Not sent yet</source>
        <extracomment>Queue state: accepted, not tried yet.</extracomment>
        <translation>未送信</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <extracomment>Queue state: a try failed for now; it is tried again later.</extracomment>
        <translation>再送待ち</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>配送済み</translation>
    </message>
    <message>
        <source>Returned</source>
        <extracomment>Queue state: refused for good; a report goes back to the sender.</extracomment>
        <translation>返送</translation>
    </message>
    <message>
        <source>(delivery report, no sender)</source>
        <extracomment>The envelope sender of a delivery report is empty (&lt;&gt;).</extracomment>
        <translation>（配送通知・差出人なし）</translation>
    </message>
    <message>
        <source>Soon</source>
        <extracomment>Next retry: the message is due now and goes out at the next scan.</extracomment>
        <translation>まもなく</translation>
    </message>
    <message>
        <source>(not tried yet)</source>
        <translation>（まだ送信していません）</translation>
    </message>
    <message>
        <source>Accepted: %1 (%2)</source>
        <translation>受付: %1（%2）</translation>
    </message>
    <message>
        <source>Last try: %1</source>
        <translation>最後の送信: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>相手サーバー: %1</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>応答: %1</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>宛先</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>差出人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>試行回数</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>次回の再送</translation>
    </message>
    <message>
        <source>Last reply</source>
        <translation>最後の応答</translation>
    </message>
    <message>
        <source>Accepted by the receiving server</source>
        <translation>相手のサーバーが受け付けました</translation>
    </message>
    <message>
        <source>The receiving server asked to try again later</source>
        <translation>相手のサーバーが一時的に受け付けませんでした</translation>
    </message>
    <message>
        <source>Refused by the receiving server</source>
        <translation>相手のサーバーに拒否されました</translation>
    </message>
    <message>
        <source>The mail server of the destination could not be found</source>
        <translation>宛先のメールサーバーが見つかりません</translation>
    </message>
    <message>
        <source>A secure (TLS) connection could not be made</source>
        <translation>暗号化（TLS）接続ができませんでした</translation>
    </message>
    <message>
        <source>Could not connect to the receiving server</source>
        <translation>相手のサーバーに接続できません</translation>
    </message>
    <message>
        <source>Sending failed for now</source>
        <translation>一時的に送信できませんでした</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>Last reply column: what the reply means, then the reply as the server sent it.</extracomment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>fumibako::SettingsPage</name>
    <message>
        <source>Choose the Certificate File</source>
        <translation>証明書ファイルの選択</translation>
    </message>
    <message>
        <source>Choose the Private Key File</source>
        <translation>秘密鍵ファイルの選択</translation>
    </message>
    <message>
        <source>&amp;Restart Server</source>
        <translation>サーバーを再起動(&amp;R)</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>&amp;Host name:</source>
        <translation>ホスト名(&amp;H)：</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Maximum r&amp;ecipients per message:</source>
        <translation>1通あたりの最大宛先数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Save Settings</source>
        <translation>設定を保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo Changes</source>
        <translation>変更を元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS 証明書</translation>
    </message>
    <message>
        <source>Current certificate:</source>
        <translation>現在の証明書：</translation>
    </message>
    <message>
        <source>&amp;Certificate (PEM):</source>
        <translation>証明書（PEM 形式）(&amp;C)：</translation>
    </message>
    <message>
        <source>Private &amp;key (PEM):</source>
        <translation>秘密鍵（PEM 形式）(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Import Certificate</source>
        <translation>証明書を取り込む(&amp;I)</translation>
    </message>
    <message>
        <source>(shown while the server is running)</source>
        <translation>（サーバーの稼働中に表示されます）</translation>
    </message>
    <message>
        <source>%1, valid until %2</source>
        <translation>%1（有効期限: %2）</translation>
    </message>
    <message>
        <source>Port %1 is used twice (%2 and %3). Give each service its own port.</source>
        <translation>ポート %1 が重複しています（%2 と %3）。サービスごとに異なるポート番号を指定してください。</translation>
    </message>
    <message>
        <source>Enter the host name of this server.</source>
        <translation>このサーバーのホスト名を入力してください。</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM ファイル (*.pem *.crt *.cer *.key);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose both the certificate file and the private key file.</source>
        <translation>証明書ファイルと秘密鍵ファイルの両方を指定してください。</translation>
    </message>
    <message>
        <source>The file %1 could not be read.</source>
        <translation>ファイル %1 を読み込めませんでした。</translation>
    </message>
    <message>
        <source>The certificate has been imported. Restart the server to use it.</source>
        <translation>証明書を取り込みました。サーバーを再起動すると使用されます。</translation>
    </message>
    <message>
        <source>Maximum message si&amp;ze:</source>
        <translation>メールの最大サイズ(&amp;Z)：</translation>
    </message>
    <message>
        <source>Br&amp;owse…</source>
        <translation>参照(&amp;O)…</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>再起動後に反映されます。</translation>
    </message>
    <message>
        <source>The size and recipient limits apply at once to new connections.</source>
        <translation>最大サイズと最大宛先数は、保存するとすぐに新しい接続から反映されます。</translation>
    </message>
    <message>
        <source>The settings have been saved. The server uses them when it starts.</source>
        <translation>設定を保存しました。サーバーを起動したときから使われます。</translation>
    </message>
    <message>
        <source>Settings marked &quot;Takes effect after a restart&quot; are used once the mail server is restarted; the others apply to new connections as soon as they are saved.</source>
        <translation>「再起動後に反映されます」と書かれた設定はメールサーバーの再起動後に、その他の設定は保存するとすぐ、新しい接続から反映されます。</translation>
    </message>
    <message>
        <source>Waiting for a restart of the mail server: %1</source>
        <translation>メールサーバーの再起動後に反映される変更：%1</translation>
    </message>
    <message>
        <source>These changes are saved; the server uses them once it is restarted. Restarting ends the connections under way; mail programs reconnect by themselves.</source>
        <translation>変更は保存済みで、サーバーを再起動すると使われます。再起動すると処理中の接続はいったん切れますが、メールソフトは自動的に接続し直します。</translation>
    </message>
    <message>
        <source>Changed outside this console and already in effect for new connections: %1.</source>
        <translation>このコンソール以外で変更され、新しい接続からすでに反映されています：%1。</translation>
    </message>
    <message>
        <source>The settings have been saved; none of them had changed.</source>
        <translation>設定を保存しました（変更された項目はありませんでした）。</translation>
    </message>
    <message>
        <source>The settings have been saved.</source>
        <translation>設定を保存しました。</translation>
    </message>
    <message>
        <source>Already in effect for new connections: %1.</source>
        <translation>新しい接続からすでに反映されています：%1。</translation>
    </message>
    <message>
        <source>Takes effect after the server is restarted: %1.</source>
        <translation>サーバーの再起動後に反映されます：%1。</translation>
    </message>
</context>
<context>
    <name>fumibako::SetupWizard</name>
    <message>
        <source>Fumibako Setup</source>
        <translation>文箱 初期設定</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 戻る(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>次へ(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完了(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>fumibako::SmarthostPage</name>
    <message>
        <source>Mail to other companies can be sent through your provider&apos;s mail server (a &quot;smarthost&quot;) instead of directly. Leave the server name empty to send directly.</source>
        <translation>社外あてのメールを、直接ではなくプロバイダーのメールサーバー（スマートホスト）経由で送信できます。サーバー名を空欄にすると直接送信します。</translation>
    </message>
    <message>
        <source>Many Internet providers block outgoing port 25 (&quot;OP25B&quot;), so mail sent directly does not arrive. If yours does, enter your provider&apos;s submission server (port 587 or 465) with the user name and password from your provider.</source>
        <translation>多くのプロバイダーは迷惑メール対策としてポート 25 への送信を遮断しています（OP25B）。この場合、直接送信したメールは届きません。プロバイダーの送信サーバー（ポート 587 または 465）と、プロバイダーから通知されたユーザー名・パスワードを入力してください。</translation>
    </message>
    <message>
        <source>Sending server (smarthost)</source>
        <translation>送信サーバー（スマートホスト）</translation>
    </message>
    <message>
        <source>Server &amp;name:</source>
        <translation>サーバー名(&amp;N):</translation>
    </message>
    <message>
        <source>e.g. smtp.example.ne.jp (empty: send directly)</source>
        <translation>例: smtp.example.ne.jp（空欄: 直接送信）</translation>
    </message>
    <message>
        <source>&amp;Security:</source>
        <translation>暗号化(&amp;S):</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS（ポート 587）</translation>
    </message>
    <message>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS（ポート 465）</translation>
    </message>
    <message>
        <source>None (only for a server on this network)</source>
        <translation>なし（社内ネットワークのサーバーのみ）</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>ポート(&amp;P):</translation>
    </message>
    <message>
        <source>Usually 587 (STARTTLS) or 465 (SSL/TLS).</source>
        <translation>通常は 587（STARTTLS）または 465（SSL/TLS）です。</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>認証</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>ユーザー名(&amp;U):</translation>
    </message>
    <message>
        <source>empty: no sign-in</source>
        <translation>空欄: 認証しない</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>パスワード(&amp;W):</translation>
    </message>
    <message>
        <source>(saved; enter only to change it)</source>
        <translation>（保存済み。変更するときだけ入力）</translation>
    </message>
    <message>
        <source>The password is kept in the system&apos;s password store (keychain), not in Fumibako&apos;s data folder.</source>
        <translation>パスワードは Fumibako のデータフォルダーではなく、OS のパスワード保管庫（キーチェーン）に保存されます。</translation>
    </message>
    <message>
        <source>No password store (keychain) is available on this computer; the password cannot be saved.</source>
        <translation>このコンピューターではパスワード保管庫（キーチェーン）を利用できないため、パスワードを保存できません。</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>接続テスト(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo Changes</source>
        <translation>変更を元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Restart Server</source>
        <translation>サーバーを再起動(&amp;R)</translation>
    </message>
    <message>
        <source>Enter only the server&apos;s name, e.g. smtp.example.ne.jp (no &quot;smtp://&quot;, no mail address).</source>
        <translation>サーバー名だけを入力してください（例: smtp.example.ne.jp。「smtp://」やメールアドレスは不要です）。</translation>
    </message>
    <message>
        <source>Enter the user name that goes with the password.</source>
        <translation>パスワードと組になるユーザー名を入力してください。</translation>
    </message>
    <message>
        <source>The settings were saved, but the password could not be stored in the system&apos;s password store.</source>
        <translation>設定は保存しましたが、パスワードを OS のパスワード保管庫に保存できませんでした。</translation>
    </message>
    <message>
        <source>Saved. Restart the server to send through the new settings.</source>
        <translation>保存しました。新しい設定で送信するには、サーバーを再起動してください。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <source>Enter the server name first.</source>
        <translation>先にサーバー名を入力してください。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1 に接続しています…</translation>
    </message>
    <message>
        <source>Connected successfully.
Server&apos;s reply: %1</source>
        <translation>接続できました。
サーバーの応答: %1</translation>
    </message>
    <message>
        <source>Connected and signed in successfully.
Server&apos;s reply: %1</source>
        <translation>接続と認証に成功しました。
サーバーの応答: %1</translation>
    </message>
    <message>
        <source>Could not connect. Check the server name, the port and the security setting.
Details: %1</source>
        <translation>接続できませんでした。サーバー名、ポート、暗号化の設定を確認してください。
詳細: %1</translation>
    </message>
    <message>
        <source>The server refused.
Server&apos;s reply: %1</source>
        <translation>サーバーに拒否されました。
サーバーの応答: %1</translation>
    </message>
    <message>
        <source>The system&apos;s password store (keychain) cannot be reached right now, so a saved password cannot be read and a new one may not be saved.</source>
        <translation>OS のパスワード保管庫（キーチェーン）に接続できないため、保存済みのパスワードを読み込めず、新しいパスワードも保存できない可能性があります。</translation>
    </message>
    <message>
        <source>Changes to the sending server take effect after the mail server is restarted.</source>
        <translation>送信サーバーの設定の変更は、メールサーバーの再起動後に反映されます。</translation>
    </message>
</context>
<context>
    <name>fumibako::SummaryPage</name>
    <message>
        <source>Ready to set up</source>
        <translation>設定内容の確認</translation>
    </message>
    <message>
        <source>Check the settings below, then click Finish.</source>
        <translation>以下の内容でよろしければ［完了］をクリックしてください。</translation>
    </message>
    <message>
        <source>Setting up the mail server (creating the database, the TLS certificate and the administrator account). This takes a few seconds…</source>
        <translation>メールサーバーを設定しています（データベース、TLS 証明書、管理者アカウントを作成中）。数秒お待ちください…</translation>
    </message>
    <message>
        <source>(this computer&apos;s name)</source>
        <translation>（このコンピューターの名前）</translation>
    </message>
    <message>
        <source>Mail domain:</source>
        <translation>メールドメイン：</translation>
    </message>
    <message>
        <source>Host name:</source>
        <translation>ホスト名：</translation>
    </message>
    <message>
        <source>Administrator:</source>
        <translation>管理者：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>データフォルダー：</translation>
    </message>
    <message>
        <source>Ports:</source>
        <translation>ポート：</translation>
    </message>
</context>
</TS>
