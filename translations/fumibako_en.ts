<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConfirmBox</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Fumibako mail server console</source>
        <translation>Fumibako mail server console</translation>
    </message>
    <message>
        <source>Data folder.</source>
        <translation>Data folder.</translation>
    </message>
    <message>
        <source>Fumibako</source>
        <translation>Fumibako</translation>
    </message>
    <message>
        <source>The folder %1 contains files but is not a Fumibako data folder. Choose an empty folder with --data-dir, or move the files away.</source>
        <translation>The folder %1 contains files but is not a Fumibako data folder. Choose an empty folder with --data-dir, or move the files away.</translation>
    </message>
    <message>
        <source>The database in %1 could not be opened.</source>
        <translation>The database in %1 could not be opened.</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The database is busy or cannot be opened right now. Please try again in a moment.</source>
        <translation>The database is busy or cannot be opened right now. Please try again in a moment.</translation>
    </message>
    <message>
        <source>This address is already registered.</source>
        <translation>This address is already registered.</translation>
    </message>
    <message>
        <source>This address cannot be used for an account. Check that it is spelled correctly and belongs to this server&apos;s domain.</source>
        <translation>This address cannot be used for an account. Check that it is spelled correctly and belongs to this server&apos;s domain.</translation>
    </message>
    <message>
        <source>The account could not be added.</source>
        <translation>The account could not be added.</translation>
    </message>
    <message>
        <source>This account no longer exists. The list will be refreshed.</source>
        <translation>This account no longer exists. The list will be refreshed.</translation>
    </message>
    <message>
        <source>These changes cannot be made to this account (the role of the built-in send-only account cannot change).</source>
        <translation>These changes cannot be made to this account (the role of the built-in send-only account cannot change).</translation>
    </message>
    <message>
        <source>The changes could not be saved.</source>
        <translation>The changes could not be saved.</translation>
    </message>
    <message>
        <source>This password cannot be used. Use at least 8 characters and no control characters.</source>
        <translation>This password cannot be used. Use at least 8 characters and no control characters.</translation>
    </message>
    <message>
        <source>The password could not be reset.</source>
        <translation>The password could not be reset.</translation>
    </message>
    <message>
        <source>This account is built in and cannot be deleted.</source>
        <translation>This account is built in and cannot be deleted.</translation>
    </message>
    <message>
        <source>The account could not be deleted.</source>
        <translation>The account could not be deleted.</translation>
    </message>
    <message>
        <source>The state of the account could not be changed.</source>
        <translation>The state of the account could not be changed.</translation>
    </message>
    <message>
        <source>The account list could not be read.</source>
        <translation>The account list could not be read.</translation>
    </message>
    <message>
        <source>The log could not be read.</source>
        <translation>The log could not be read.</translation>
    </message>
    <message>
        <source>The settings could not be read.</source>
        <translation>The settings could not be read.</translation>
    </message>
    <message>
        <source>A value is outside the allowed range. Check the settings and save again.</source>
        <translation>A value is outside the allowed range. Check the settings and save again.</translation>
    </message>
    <message>
        <source>The settings could not be saved.</source>
        <translation>The settings could not be saved.</translation>
    </message>
    <message>
        <source>The certificate could not be imported. Check that both files are in PEM format, that the private key belongs to the certificate and that the key is not password-protected.</source>
        <translation>The certificate could not be imported. Check that both files are in PEM format, that the private key belongs to the certificate and that the key is not password-protected.</translation>
    </message>
    <message>
        <source>The certificate could not be saved to the data folder.</source>
        <translation>The certificate could not be saved to the data folder.</translation>
    </message>
    <message>
        <source>The data folder has not been set up.</source>
        <translation>The data folder has not been set up.</translation>
    </message>
    <message>
        <source>The listening address in the settings is not valid.</source>
        <translation>The listening address in the settings is not valid.</translation>
    </message>
    <message>
        <source>The mail server could not start. Another program may already be using one of its ports; change the ports in Settings or stop the other program, then restart the server.</source>
        <translation>The mail server could not start. Another program may already be using one of its ports; change the ports in Settings or stop the other program, then restart the server.</translation>
    </message>
    <message>
        <source>The data folder already contains files. Choose an empty folder.</source>
        <translation>The data folder already contains files. Choose an empty folder.</translation>
    </message>
    <message>
        <source>The domain name or the administrator address was not accepted. Check them and try again.</source>
        <translation>The domain name or the administrator address was not accepted. Check them and try again.</translation>
    </message>
    <message>
        <source>The initial setup could not be completed. Check that the data folder can be written to.</source>
        <translation>The initial setup could not be completed. Check that the data folder can be written to.</translation>
    </message>
    <message>
        <source>The operation could not be completed.</source>
        <translation>The operation could not be completed.</translation>
    </message>
    <message>
        <source>Port %1 for %2 cannot be used; another program may already be using it. Change the port in Settings or stop the other program, then start the server again.</source>
        <translation>Port %1 for %2 cannot be used; another program may already be using it. Change the port in Settings or stop the other program, then start the server again.</translation>
    </message>
    <message>
        <source>The folders of this account could not be read.</source>
        <translation>The folders of this account could not be read.</translation>
    </message>
    <message>
        <source>The mailbox could not be emptied. Check the folder list and try again.</source>
        <translation>The mailbox could not be emptied. Check the folder list and try again.</translation>
    </message>
    <message>
        <source>The send queue could not be read.</source>
        <translation>The send queue could not be read.</translation>
    </message>
    <message>
        <source>This message is no longer in the send queue (it may have been sent or deleted meanwhile). The list will be refreshed.</source>
        <translation>This message is no longer in the send queue (it may have been sent or deleted meanwhile). The list will be refreshed.</translation>
    </message>
    <message>
        <source>The message could not be scheduled for sending now.</source>
        <translation>The message could not be scheduled for sending now.</translation>
    </message>
    <message>
        <source>The message could not be deleted from the send queue.</source>
        <translation>The message could not be deleted from the send queue.</translation>
    </message>
    <message>
        <source>The headers of the message could not be read.</source>
        <translation>The headers of the message could not be read.</translation>
    </message>
    <message>
        <source>The DKIM keys could not be read. Check that the data folder&apos;s dkim folder can be read.</source>
        <translation>The DKIM keys could not be read. Check that the data folder&apos;s dkim folder can be read.</translation>
    </message>
    <message>
        <source>A DKIM key cannot be made for this domain name.</source>
        <translation>A DKIM key cannot be made for this domain name.</translation>
    </message>
    <message>
        <source>The DKIM key could not be made. Check that the data folder can be written to.</source>
        <translation>The DKIM key could not be made. Check that the data folder can be written to.</translation>
    </message>
    <message>
        <source>This DKIM key no longer exists or no longer signs. The list will be refreshed.</source>
        <translation>This DKIM key no longer exists or no longer signs. The list will be refreshed.</translation>
    </message>
    <message>
        <source>The DKIM key could not be activated. It may be damaged; make a new one.</source>
        <translation>The DKIM key could not be activated. It may be damaged; make a new one.</translation>
    </message>
    <message>
        <source>Signing with this DKIM key could not be stopped.</source>
        <translation>Signing with this DKIM key could not be stopped.</translation>
    </message>
    <message>
        <source>This DKIM key still signs mail. Stop signing with it first.</source>
        <translation>This DKIM key still signs mail. Stop signing with it first.</translation>
    </message>
    <message>
        <source>The DKIM key could not be deleted.</source>
        <translation>The DKIM key could not be deleted.</translation>
    </message>
    <message>
        <source>The spam filters could not be read.</source>
        <translation>The spam filters could not be read.</translation>
    </message>
    <message>
        <source>This list already holds 100 entries. Remove one before adding another.</source>
        <translation>This list already holds 100 entries. Remove one before adding another.</translation>
    </message>
    <message>
        <source>This entry is already in the list.</source>
        <translation>This entry is already in the list.</translation>
    </message>
    <message>
        <source>This value cannot be used here. Check the address, domain or word.</source>
        <translation>This value cannot be used here. Check the address, domain or word.</translation>
    </message>
    <message>
        <source>This account or entry no longer exists. The list will be refreshed.</source>
        <translation>This account or entry no longer exists. The list will be refreshed.</translation>
    </message>
    <message>
        <source>The filter could not be changed.</source>
        <translation>The filter could not be changed.</translation>
    </message>
    <message>
        <source>The forwarding and auto-reply settings of this account could not be read.</source>
        <translation>The forwarding and auto-reply settings of this account could not be read.</translation>
    </message>
    <message>
        <source>The forwarding settings were not accepted. Check the forwarding addresses (not this account&apos;s own) and the conditions (no line breaks or special characters).</source>
        <translation>The forwarding settings were not accepted. Check the forwarding addresses (not this account&apos;s own) and the conditions (no line breaks or special characters).</translation>
    </message>
    <message>
        <source>The forwarding settings could not be saved.</source>
        <translation>The forwarding settings could not be saved.</translation>
    </message>
    <message>
        <source>Forwarding could not be stopped.</source>
        <translation>Forwarding could not be stopped.</translation>
    </message>
    <message>
        <source>The auto-reply was not accepted. Check that the text is not empty, the end date is not before the start date, and the subject and sender name hold no special characters.</source>
        <translation>The auto-reply was not accepted. Check that the text is not empty, the end date is not before the start date, and the subject and sender name hold no special characters.</translation>
    </message>
    <message>
        <source>The auto-reply could not be saved.</source>
        <translation>The auto-reply could not be saved.</translation>
    </message>
    <message>
        <source>The aliases and group addresses could not be read.</source>
        <translation>The aliases and group addresses could not be read.</translation>
    </message>
    <message>
        <source>This address is already used by an account, an alias or a group.</source>
        <translation>This address is already used by an account, an alias or a group.</translation>
    </message>
    <message>
        <source>A group can have at most %1 members.</source>
        <translation>A group can have at most %1 members.</translation>
    </message>
    <message>
        <source>This account, domain or alias no longer exists. The list will be refreshed.</source>
        <translation>This account, domain or alias no longer exists. The list will be refreshed.</translation>
    </message>
    <message>
        <source>This group no longer exists. The list will be refreshed.</source>
        <translation>This group no longer exists. The list will be refreshed.</translation>
    </message>
    <message>
        <source>This address cannot be used as an alias. It must belong to this server&apos;s domain and not be a reserved name, and a send-only account cannot receive mail.</source>
        <translation>This address cannot be used as an alias. It must belong to this server&apos;s domain and not be a reserved name, and a send-only account cannot receive mail.</translation>
    </message>
    <message>
        <source>These addresses cannot be used. Check the group address (of this server&apos;s domain, not a reserved name) and each member&apos;s spelling.</source>
        <translation>These addresses cannot be used. Check the group address (of this server&apos;s domain, not a reserved name) and each member&apos;s spelling.</translation>
    </message>
    <message>
        <source>The alias could not be changed.</source>
        <translation>The alias could not be changed.</translation>
    </message>
    <message>
        <source>The group could not be changed.</source>
        <translation>The group could not be changed.</translation>
    </message>
    <message>
        <source>Mail can be forwarded to at most %1 addresses.</source>
        <translation>Mail can be forwarded to at most %1 addresses.</translation>
    </message>
    <message>
        <source>The archive settings could not be read.</source>
        <translation>The archive settings could not be read.</translation>
    </message>
    <message>
        <source>This domain no longer exists. The list will be refreshed.</source>
        <translation>This domain no longer exists. The list will be refreshed.</translation>
    </message>
    <message>
        <source>The archive setting of this domain could not be changed.</source>
        <translation>The archive setting of this domain could not be changed.</translation>
    </message>
    <message>
        <source>This name cannot be used: it is already registered, or it is reserved for the system (admin, provadmin). Choose another name.</source>
        <translation>This name cannot be used: it is already registered, or it is reserved for the system (admin, provadmin). Choose another name.</translation>
    </message>
    <message>
        <source>The search user was not accepted. Use a name of letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (up to 64, starting with a letter or digit), a password of at least %1 characters, and accounts that still exist.</source>
        <translation>The search user was not accepted. Use a name of letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (up to 64, starting with a letter or digit), a password of at least %1 characters, and accounts that still exist.</translation>
    </message>
    <message>
        <source>The search user could not be added.</source>
        <translation>The search user could not be added.</translation>
    </message>
    <message>
        <source>This search user no longer exists. The list will be refreshed.</source>
        <translation>This search user no longer exists. The list will be refreshed.</translation>
    </message>
    <message>
        <source>The search user could not be deleted.</source>
        <translation>The search user could not be deleted.</translation>
    </message>
    <message>
        <source>The account list could not be exported.</source>
        <translation>The account list could not be exported.</translation>
    </message>
    <message>
        <source>This file cannot be imported: it is not a CSV file of accounts. Line 1 must name the columns, one of them メールアドレス (address), and the file must be UTF-8 text of at most 10 MB and 10,000 lines.</source>
        <translation>This file cannot be imported: it is not a CSV file of accounts. Line 1 must name the columns, one of them メールアドレス (address), and the file must be UTF-8 text of at most 10 MB and 10,000 lines.</translation>
    </message>
    <message>
        <source>The accounts could not be imported. Nothing has been changed.</source>
        <translation>The accounts could not be imported. Nothing has been changed.</translation>
    </message>
</context>
<context>
    <name>InputCheck</name>
    <message>
        <source>Enter the domain name.</source>
        <translation>Enter the domain name.</translation>
    </message>
    <message>
        <source>The domain name contains characters that cannot be used. Use letters, digits, hyphens and dots (e.g. example.co.jp).</source>
        <translation>The domain name contains characters that cannot be used. Use letters, digits, hyphens and dots (e.g. example.co.jp).</translation>
    </message>
    <message>
        <source>Enter the whole domain name including its ending, e.g. example.co.jp.</source>
        <translation>Enter the whole domain name including its ending, e.g. example.co.jp.</translation>
    </message>
    <message>
        <source>The domain name is too long.</source>
        <translation>The domain name is too long.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid domain name. Use letters, digits, hyphens and dots (e.g. example.co.jp).</source>
        <translation>&quot;%1&quot; is not a valid domain name. Use letters, digits, hyphens and dots (e.g. example.co.jp).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid host name. Use letters, digits, hyphens and dots (e.g. mail.example.co.jp).</source>
        <translation>&quot;%1&quot; is not a valid host name. Use letters, digits, hyphens and dots (e.g. mail.example.co.jp).</translation>
    </message>
    <message>
        <source>Enter the part of the address before the @.</source>
        <translation>Enter the part of the address before the @.</translation>
    </message>
    <message>
        <source>Enter only the part before the @; the domain is chosen separately.</source>
        <translation>Enter only the part before the @; the domain is chosen separately.</translation>
    </message>
    <message>
        <source>The part before the @ can be at most 64 characters long.</source>
        <translation>The part before the @ can be at most 64 characters long.</translation>
    </message>
    <message>
        <source>The address contains characters that cannot be used. Use half-width letters, digits and . - _ + (a dot cannot come first, last or twice in a row).</source>
        <translation>The address contains characters that cannot be used. Use half-width letters, digits and . - _ + (a dot cannot come first, last or twice in a row).</translation>
    </message>
    <message>
        <source>%1@ is reserved: its mail goes to the administrator, so it cannot be an account.</source>
        <translation>%1@ is reserved: its mail goes to the administrator, so it cannot be an account.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Enter a password.</translation>
    </message>
    <message>
        <source>The password must be at least %1 characters long.</source>
        <translation>The password must be at least %1 characters long.</translation>
    </message>
    <message>
        <source>The password is too long.</source>
        <translation>The password is too long.</translation>
    </message>
    <message>
        <source>The password cannot contain control characters.</source>
        <translation>The password cannot contain control characters.</translation>
    </message>
    <message>
        <source>The two passwords do not match. Enter the same password twice.</source>
        <translation>The two passwords do not match. Enter the same password twice.</translation>
    </message>
    <message>
        <source>The display name can be at most 200 characters long.</source>
        <translation>The display name can be at most 200 characters long.</translation>
    </message>
    <message>
        <source>Enter a mail address.</source>
        <translation>Enter a mail address.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mail address. Enter the whole address in half-width characters, e.g. taro@example.com.</source>
        <translation>&quot;%1&quot; is not a mail address. Enter the whole address in half-width characters, e.g. taro@example.com.</translation>
    </message>
</context>
<context>
    <name>PageRegistry</name>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Send Queue</source>
        <translation>Send Queue</translation>
    </message>
    <message>
        <source>Sending Server</source>
        <translation>Sending Server</translation>
    </message>
    <message>
        <source>DKIM / SPF</source>
        <extracomment>Navigation: the DKIM, SPF and DMARC page (送信ドメイン認証); short, the list is narrow.</extracomment>
        <translation>DKIM / SPF</translation>
    </message>
    <message>
        <source>DKIM, SPF and DMARC: records for DNS</source>
        <translation>DKIM, SPF and DMARC: records for DNS</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Spam</source>
        <extracomment>Navigation: the quarantine of held spam (迷惑メール), for support staff.</extracomment>
        <translation>Spam</translation>
    </message>
    <message>
        <source>Mail held as spam or by the spam filters, for every account</source>
        <translation>Mail held as spam or by the spam filters, for every account</translation>
    </message>
    <message>
        <source>Spam Filters</source>
        <extracomment>Navigation: the spam filter editors (迷惑メールフィルタ).</extracomment>
        <translation>Spam Filters</translation>
    </message>
    <message>
        <source>Allow and block lists, the common filter, quarantine retention</source>
        <translation>Allow and block lists, the common filter, quarantine retention</translation>
    </message>
    <message>
        <source>Aliases &amp; Groups</source>
        <extracomment>Navigation: aliases (別名) and group addresses; short, the list is narrow.</extracomment>
        <translation>Aliases &amp; Groups</translation>
    </message>
    <message>
        <source>Aliases, group addresses and receiving mail for any address</source>
        <translation>Aliases, group addresses and receiving mail for any address</translation>
    </message>
    <message>
        <source>Archive Search</source>
        <extracomment>Navigation: the mail archive&apos;s search (アーカイブ検索); short, the list is narrow.</extracomment>
        <translation>Archive Search</translation>
    </message>
    <message>
        <source>Search and export the archive of sent (and received) mail</source>
        <translation>Search and export the archive of sent (and received) mail</translation>
    </message>
</context>
<context>
    <name>SettingNames</name>
    <message>
        <source>Host name</source>
        <translation>Host name</translation>
    </message>
    <message>
        <source>Listening address</source>
        <translation>Listening address</translation>
    </message>
    <message>
        <source>Maximum message size</source>
        <translation>Maximum message size</translation>
    </message>
    <message>
        <source>Maximum recipients per message</source>
        <translation>Maximum recipients per message</translation>
    </message>
    <message>
        <source>SMTP idle timeout</source>
        <translation>SMTP idle timeout</translation>
    </message>
    <message>
        <source>POP3 idle timeout</source>
        <translation>POP3 idle timeout</translation>
    </message>
    <message>
        <source>IMAP idle timeout</source>
        <translation>IMAP idle timeout</translation>
    </message>
    <message>
        <source>IMAP IDLE check interval</source>
        <translation>IMAP IDLE check interval</translation>
    </message>
    <message>
        <source>IMAP search cache size</source>
        <translation>IMAP search cache size</translation>
    </message>
    <message>
        <source>Connections per client address</source>
        <translation>Connections per client address</translation>
    </message>
    <message>
        <source>Total connections</source>
        <translation>Total connections</translation>
    </message>
    <message>
        <source>Memory for mail being received</source>
        <translation>Memory for mail being received</translation>
    </message>
    <message>
        <source>IMAP sessions per account</source>
        <translation>IMAP sessions per account</translation>
    </message>
    <message>
        <source>Protocol errors before disconnecting</source>
        <translation>Protocol errors before disconnecting</translation>
    </message>
    <message>
        <source>Sign-in without TLS from this computer</source>
        <translation>Sign-in without TLS from this computer</translation>
    </message>
    <message>
        <source>Delay after a failed sign-in</source>
        <translation>Delay after a failed sign-in</translation>
    </message>
    <message>
        <source>Failed sign-ins before a lock-out</source>
        <translation>Failed sign-ins before a lock-out</translation>
    </message>
    <message>
        <source>Lock-out length</source>
        <translation>Lock-out length</translation>
    </message>
    <message>
        <source>Verified password memory time</source>
        <translation>Verified password memory time</translation>
    </message>
    <message>
        <source>DNS servers</source>
        <translation>DNS servers</translation>
    </message>
    <message>
        <source>Wait before the first retry</source>
        <translation>Wait before the first retry</translation>
    </message>
    <message>
        <source>Longest wait between retries</source>
        <translation>Longest wait between retries</translation>
    </message>
    <message>
        <source>Wait before a delay notice</source>
        <translation>Wait before a delay notice</translation>
    </message>
    <message>
        <source>Retry period before returning mail</source>
        <translation>Retry period before returning mail</translation>
    </message>
    <message>
        <source>Outgoing connections in all</source>
        <translation>Outgoing connections in all</translation>
    </message>
    <message>
        <source>Outgoing connections per destination</source>
        <translation>Outgoing connections per destination</translation>
    </message>
    <message>
        <source>Send only over TLS</source>
        <translation>Send only over TLS</translation>
    </message>
    <message>
        <source>Routes per domain</source>
        <translation>Routes per domain</translation>
    </message>
    <message>
        <source>TLS per destination</source>
        <translation>TLS per destination</translation>
    </message>
    <message>
        <source>Trusted certificates file</source>
        <translation>Trusted certificates file</translation>
    </message>
    <message>
        <source>Sending server (smarthost)</source>
        <translation>Sending server (smarthost)</translation>
    </message>
    <message>
        <source>Sending server port</source>
        <translation>Sending server port</translation>
    </message>
    <message>
        <source>Sending server security</source>
        <translation>Sending server security</translation>
    </message>
    <message>
        <source>Sending server user name</source>
        <translation>Sending server user name</translation>
    </message>
    <message>
        <source>DKIM signing keys</source>
        <translation>DKIM signing keys</translation>
    </message>
    <message>
        <source>Log retention</source>
        <translation>Log retention</translation>
    </message>
    <message>
        <source>%1 port</source>
        <translation>%1 port</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Virus scanner (clamd)</source>
        <translation>Virus scanner (clamd)</translation>
    </message>
    <message>
        <source>Action on incoming viruses</source>
        <translation>Action on incoming viruses</translation>
    </message>
    <message>
        <source>Spam scanner (spamd)</source>
        <translation>Spam scanner (spamd)</translation>
    </message>
    <message>
        <source>Domains checked for spam</source>
        <translation>Domains checked for spam</translation>
    </message>
    <message>
        <source>Spam score threshold</source>
        <translation>Spam score threshold</translation>
    </message>
    <message>
        <source>Messages scanned at once</source>
        <translation>Messages scanned at once</translation>
    </message>
    <message>
        <source>Scanner time limit</source>
        <translation>Scanner time limit</translation>
    </message>
    <message>
        <source>Action on spam</source>
        <translation>Action on spam</translation>
    </message>
    <message>
        <source>Days mail stays in the quarantine</source>
        <translation>Days mail stays in the quarantine</translation>
    </message>
    <message>
        <source>Spam Summary time</source>
        <translation>Spam Summary time</translation>
    </message>
    <message>
        <source>Local forwards per minute</source>
        <translation>Local forwards per minute</translation>
    </message>
    <message>
        <source>Keep sent mail in the archive</source>
        <translation>Keep sent mail in the archive</translation>
    </message>
    <message>
        <source>Days sent mail is archived</source>
        <translation>Days sent mail is archived</translation>
    </message>
    <message>
        <source>Days received mail is archived</source>
        <translation>Days received mail is archived</translation>
    </message>
    <message>
        <source>Archive capacity (MiB)</source>
        <translation>Archive capacity (MiB)</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountDialog</name>
    <message>
        <source>Add Account</source>
        <translation>Add Account</translation>
    </message>
    <message>
        <source>Change the display name, role or quota of this account.</source>
        <translation>Change the display name, role or quota of this account.</translation>
    </message>
    <message>
        <source>Create a mail address for a member of staff. They use the address and password to send and receive mail in their mail program.</source>
        <translation>Create a mail address for a member of staff. They use the address and password to send and receive mail in their mail program.</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>e.g. yamada</source>
        <translation>e.g. yamada</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>e.g. Taro Yamada</source>
        <translation>e.g. Taro Yamada</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>Receives the mail sent to postmaster@ and other administrative addresses.</source>
        <translation>Receives the mail sent to postmaster@ and other administrative addresses.</translation>
    </message>
    <message>
        <source>Sends and receives mail.</source>
        <translation>Sends and receives mail.</translation>
    </message>
    <message>
        <source>Can only send; mail sent to this address is discarded.</source>
        <translation>Can only send; mail sent to this address is discarded.</translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation>&amp;Quota:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unlimited</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>At least %1 characters. Tell the password to the user in person; it cannot be shown again later.</source>
        <translation>At least %1 characters. Tell the password to the user in person; it cannot be shown again later.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>No mail domain is set up on this server.</source>
        <translation>No mail domain is set up on this server.</translation>
    </message>
    <message>
        <source>Con&amp;firm password:</source>
        <translation>Con&amp;firm password:</translation>
    </message>
    <message>
        <source>Add A&amp;ccount</source>
        <translation>Add A&amp;ccount</translation>
    </message>
    <message>
        <source>Account Details</source>
        <translation>Account Details</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Mailboxes</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <extracomment>Tab of the account details: the FAQ&apos;s 転送設定.</extracomment>
        <translation>Forwarding</translation>
    </message>
    <message>
        <source>Auto-Reply</source>
        <extracomment>Tab of the account details: the FAQ&apos;s 自動返信.</extracomment>
        <translation>Auto-Reply</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountImportDialog</name>
    <message>
        <source>Import Accounts from CSV</source>
        <translation>Import Accounts from CSV</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <source>What importing %1 will do, line by line. Nothing has been changed yet.</source>
        <translation>What importing %1 will do, line by line. Nothing has been changed yet.</translation>
    </message>
    <message>
        <source>Importing the accounts of %1…</source>
        <translation>Importing the accounts of %1…</translation>
    </message>
    <message>
        <source>The accounts of %1 have been imported.</source>
        <translation>The accounts of %1 have been imported.</translation>
    </message>
    <message>
        <source>Create: %1 · Update: %2 · Unchanged: %3 · Errors: %4</source>
        <extracomment>The counts of an import preview: 作成 N件・更新 N件・変更なし N件・エラー N件.</extracomment>
        <translation>Create: %1 · Update: %2 · Unchanged: %3 · Errors: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) cannot be imported (shown in red). Nothing will be imported until the file is corrected and read again.</source>
        <translation>
            <numerusform>%n line cannot be imported (shown in red). Nothing will be imported until the file is corrected and read again.</numerusform>
            <numerusform>%n lines cannot be imported (shown in red). Nothing will be imported until the file is corrected and read again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Passwords were generated for %n new account(s). Copy them now and hand them over safely: they will not be shown again. Ask each user to change the password.</source>
        <translation>
            <numerusform>A password was generated for %n new account. Copy it now and hand it over safely: it will not be shown again. Ask the user to change the password.</numerusform>
            <numerusform>Passwords were generated for %n new accounts. Copy them now and hand them over safely: they will not be shown again. Ask each user to change the password.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The file could not be opened. Check that it exists and that you may read it.</source>
        <translation>The file could not be opened. Check that it exists and that you may read it.</translation>
    </message>
    <message>
        <source>The file is larger than 10 MB and cannot be imported.</source>
        <translation>The file is larger than 10 MB and cannot be imported.</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountImportModel</name>
    <message>
        <source>Create</source>
        <extracomment>An import line that makes a new account (新規作成).</extracomment>
        <translation>Create</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <extracomment>An import line that cannot be imported (取り込めません).</extracomment>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>display name</translation>
    </message>
    <message>
        <source>role</source>
        <translation>role</translation>
    </message>
    <message>
        <source>quota</source>
        <translation>quota</translation>
    </message>
    <message>
        <source>state</source>
        <extracomment>Enabled or suspended.</extracomment>
        <translation>state</translation>
    </message>
    <message>
        <source>password</source>
        <translation>password</translation>
    </message>
    <message>
        <source>Changes: %1</source>
        <extracomment>The list of what an import changes in an account, e.g. &quot;Changes: role, quota&quot;.</extracomment>
        <translation>Changes: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 is on line %2 already.</source>
        <translation>%1 is on line %2 already.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid mail address.</source>
        <translation>&quot;%1&quot; is not a valid mail address.</translation>
    </message>
    <message>
        <source>%1 is not a domain of this server.</source>
        <translation>%1 is not a domain of this server.</translation>
    </message>
    <message>
        <source>%1 is a reserved address and cannot be an account.</source>
        <translation>%1 is a reserved address and cannot be an account.</translation>
    </message>
    <message>
        <source>%1 is already in use.</source>
        <translation>%1 is already in use.</translation>
    </message>
    <message>
        <source>%1 is already a group address.</source>
        <translation>%1 is already a group address.</translation>
    </message>
    <message>
        <source>The display name is longer than %1 characters.</source>
        <translation>The display name is longer than %1 characters.</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; is not one of 管理者 (admin), 一般 (user) or 送信専用 (sendonly).</source>
        <extracomment>Keep 管理者, 一般 and 送信専用 as they are: they are the values the file may hold.</extracomment>
        <translation>The role &quot;%1&quot; is not one of 管理者 (admin), 一般 (user) or 送信専用 (sendonly).</translation>
    </message>
    <message>
        <source>A quota must be a whole number of bytes or messages (0 for none).</source>
        <translation>A quota must be a whole number of bytes or messages (0 for none).</translation>
    </message>
    <message>
        <source>The state &quot;%1&quot; is not 有効 (enabled) or 無効 (disabled).</source>
        <extracomment>Keep 有効 and 無効 as they are: they are the values the file may hold.</extracomment>
        <translation>The state &quot;%1&quot; is not 有効 (enabled) or 無効 (disabled).</translation>
    </message>
    <message>
        <source>The password must be at least %1 characters long.</source>
        <translation>The password must be at least %1 characters long.</translation>
    </message>
    <message>
        <source>The password is too long.</source>
        <translation>The password is too long.</translation>
    </message>
    <message>
        <source>The password must not contain control characters.</source>
        <translation>The password must not contain control characters.</translation>
    </message>
    <message>
        <source>A send-only account is made by the server and cannot be imported.</source>
        <translation>A send-only account is made by the server and cannot be imported.</translation>
    </message>
    <message>
        <source>The send-only role of %1 cannot be given or taken.</source>
        <translation>The send-only role of %1 cannot be given or taken.</translation>
    </message>
    <message>
        <source>Line</source>
        <extracomment>The line number in the CSV file (行).</extracomment>
        <translation>Line</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Action</source>
        <extracomment>What the import does with the line (処理).</extracomment>
        <translation>Action</translation>
    </message>
    <message>
        <source>Reason / Changes</source>
        <extracomment>Why a line is refused, or what an update changes (理由・変更点).</extracomment>
        <translation>Reason / Changes</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>fumibako::AccountTableModel</name>
    <message>
        <source>Unlimited</source>
        <translation>Unlimited</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n message(s)</source>
        <translation>
            <numerusform>%1 in %n message</numerusform>
            <numerusform>%1 in %n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 of %2 (%3%)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Used space</source>
        <translation>Used space</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Send only</source>
        <translation>Send only</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspended</translation>
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
        <translation>Filter by address or name</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Reset &amp;Password…</source>
        <translation>Reset &amp;Password…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n account</numerusform>
            <numerusform>%n accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n account(s)</source>
        <translation>
            <numerusform>%1 of %n account</numerusform>
            <numerusform>%1 of %n accounts</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>Re&amp;sume</translation>
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation>&amp;Suspend</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Reset Password</source>
        <translation>Reset Password</translation>
    </message>
    <message>
        <source>The password of %1 has been changed.</source>
        <translation>The password of %1 has been changed.</translation>
    </message>
    <message>
        <source>Suspend Account</source>
        <translation>Suspend Account</translation>
    </message>
    <message>
        <source>Suspend %1?

The account can no longer log in or send mail, and mail sent to it is refused. Stored mail is kept, and the account can be resumed at any time.</source>
        <translation>Suspend %1?

The account can no longer log in or send mail, and mail sent to it is refused. Stored mail is kept, and the account can be resumed at any time.</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Delete Account</source>
        <translation>Delete Account</translation>
    </message>
    <message>
        <source>Delete %1?

All mail stored for this account (%2) is deleted with it. This cannot be undone.</source>
        <translation>Delete %1?

All mail stored for this account (%2) is deleted with it. This cannot be undone.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>&amp;Mailboxes…</source>
        <translation>&amp;Mailboxes…</translation>
    </message>
    <message>
        <source>Fo&amp;rwarding / Auto-Reply…</source>
        <extracomment>Opens the account&apos;s 転送設定 and 自動返信 tabs.</extracomment>
        <translation>Fo&amp;rwarding / Auto-Reply…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <extracomment>Writes every account to a CSV file (CSVに書き出す…).</extracomment>
        <translation>E&amp;xport CSV…</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <extracomment>Creates or updates accounts from a CSV file (CSVから読み込む…).</extracomment>
        <translation>&amp;Import CSV…</translation>
    </message>
    <message>
        <source>Export Accounts as CSV</source>
        <translation>Export Accounts as CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>The accounts could not be written to %1. Check that the folder exists and can be written to.</source>
        <translation>The accounts could not be written to %1. Check that the folder exists and can be written to.</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exported to %1.</source>
        <translation>
            <numerusform>%n account exported to %1.</numerusform>
            <numerusform>%n accounts exported to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Accounts from CSV</source>
        <translation>Import Accounts from CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>The accounts have been imported.</source>
        <translation>The accounts have been imported.</translation>
    </message>
</context>
<context>
    <name>fumibako::AliasPage</name>
    <message>
        <source>Extra addresses that deliver to accounts already set up: an alias for one account, a group address for several people at once. They need no password and no mailbox of their own.</source>
        <translation>Extra addresses that deliver to accounts already set up: an alias for one account, a group address for several people at once. They need no password and no mailbox of their own.</translation>
    </message>
    <message>
        <source>Aliases</source>
        <extracomment>The FAQ&apos;s 別名: another address whose mail one account receives.</extracomment>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>Mail to an alias arrives in the mailbox of its account, e.g. info@ to the person who answers enquiries.</source>
        <translation>Mail to an alias arrives in the mailbox of its account, e.g. info@ to the person who answers enquiries.</translation>
    </message>
    <message>
        <source>&amp;Alias:</source>
        <translation>&amp;Alias:</translation>
    </message>
    <message>
        <source>e.g. info</source>
        <translation>e.g. info</translation>
    </message>
    <message>
        <source>Deli&amp;ver to:</source>
        <translation>Deli&amp;ver to:</translation>
    </message>
    <message>
        <source>Add A&amp;lias</source>
        <translation>Add A&amp;lias</translation>
    </message>
    <message>
        <source>Remove Alias</source>
        <translation>Remove Alias</translation>
    </message>
    <message>
        <source>Receive mail for any address</source>
        <translation>Receive mail for any address</translation>
    </message>
    <message>
        <source>Domain:</source>
        <translation>Domain:</translation>
    </message>
    <message>
        <source>Deliver to:</source>
        <translation>Deliver to:</translation>
    </message>
    <message>
        <source>Turn Off</source>
        <translation>Turn Off</translation>
    </message>
    <message>
        <source>When on, mail to any address of the domain that is not an account, alias or group (for example a misspelt name) goes to the chosen account instead of back to the sender as an error. It also brings in spam sent to made-up addresses, so leave it off unless it is needed.</source>
        <translation>When on, mail to any address of the domain that is not an account, alias or group (for example a misspelt name) goes to the chosen account instead of back to the sender as an error. It also brings in spam sent to made-up addresses, so leave it off unless it is needed.</translation>
    </message>
    <message>
        <source>Group addresses</source>
        <translation>Group addresses</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>e.g. sales</source>
        <translation>e.g. sales</translation>
    </message>
    <message>
        <source>&amp;Members:</source>
        <translation>&amp;Members:</translation>
    </message>
    <message>
        <source>Remove Group</source>
        <translation>Remove Group</translation>
    </message>
    <message>
        <source>%1: off — mail to an address that does not exist is returned to the sender.</source>
        <translation>%1: off — mail to an address that does not exist is returned to the sender.</translation>
    </message>
    <message>
        <source>%1: on — mail to any other address arrives at %2.</source>
        <translation>%1: on — mail to any other address arrives at %2.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Turn On</source>
        <translation>Turn On</translation>
    </message>
    <message>
        <source>Add Members</source>
        <translation>Add Members</translation>
    </message>
    <message>
        <source>Add Gro&amp;up</source>
        <translation>Add Gro&amp;up</translation>
    </message>
    <message>
        <source>Added: mail to %1 now arrives at %2.</source>
        <translation>Added: mail to %1 now arrives at %2.</translation>
    </message>
    <message>
        <source>Remove %1?

Mail sent to it afterwards is returned to the sender as an error. The account and its mail are not affected.</source>
        <translation>Remove %1?

Mail sent to it afterwards is returned to the sender as an error. The account and its mail are not affected.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message numerus="yes">
        <source>%n alias(es) removed.</source>
        <translation>
            <numerusform>%n alias removed.</numerusform>
            <numerusform>%n aliases removed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mail to any other address @%1 now arrives at %2.</source>
        <translation>Mail to any other address @%1 now arrives at %2.</translation>
    </message>
    <message>
        <source>Turned off: mail to addresses @%1 that do not exist is returned to the sender.</source>
        <translation>Turned off: mail to addresses @%1 that do not exist is returned to the sender.</translation>
    </message>
    <message>
        <source>Enter at least one member.</source>
        <translation>Enter at least one member.</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) added to %1.</source>
        <translation>
            <numerusform>%n member added to %1.</numerusform>
            <numerusform>%n members added to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group %1 added with %n member(s).</source>
        <translation>
            <numerusform>Group %1 added with %n member.</numerusform>
            <numerusform>Group %1 added with %n members.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove %1 and its list of members?

Mail sent to it afterwards is returned to the sender as an error. The members&apos; own accounts are not affected.</source>
        <translation>Remove %1 and its list of members?

Mail sent to it afterwards is returned to the sender as an error. The members&apos; own accounts are not affected.</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) removed.</source>
        <translation>
            <numerusform>%n group removed.</numerusform>
            <numerusform>%n groups removed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mail to a group address goes to each of its members: accounts, aliases, other groups or outside addresses. Separate the members with commas or spaces; a name without @ is an address of the group&apos;s domain. Choose a group in the list to add members to it.</source>
        <translation>Mail to a group address goes to each of its members: accounts, aliases, other groups or outside addresses. Separate the members with commas or spaces; a name without @ is an address of the group&apos;s domain. Choose a group in the list to add members to it.</translation>
    </message>
    <message>
        <source>e.g. yamada, suzuki@example.com</source>
        <translation>e.g. yamada, suzuki@example.com</translation>
    </message>
</context>
<context>
    <name>fumibako::AliasTableModel</name>
    <message>
        <source>Any other address @%1</source>
        <extracomment>An alias row that is the catch-all of a domain (%1): every other address there.</extracomment>
        <translation>Any other address @%1</translation>
    </message>
    <message>
        <source>Alias</source>
        <extracomment>Column: the alias address (別名).</extracomment>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <extracomment>Column: the account that receives the alias&apos;s mail.</extracomment>
        <translation>Delivered to</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveSearchPage</name>
    <message>
        <source>Every message sent from the accounts here, and the received mail of the domains that keep it, stays in the archive apart from the mailboxes: deleting it from a mailbox does not delete it here. Search it, look at a message, or export messages as files.</source>
        <translation>Every message sent from the accounts here, and the received mail of the domains that keep it, stays in the archive apart from the mailboxes: deleting it from a mailbox does not delete it here. Search it, look at a message, or export messages as files.</translation>
    </message>
    <message>
        <source>Words in the subject, addresses, text or attachment names — several words: all must be found; &quot;in quotes&quot;: as written</source>
        <translation>Words in the subject, addresses, text or attachment names — several words: all must be found; &quot;in quotes&quot;: as written</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>Fro&amp;m</translation>
    </message>
    <message>
        <source>Only messages of this day or later</source>
        <translation>Only messages of this day or later</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;Until</translation>
    </message>
    <message>
        <source>Only messages of this day or earlier</source>
        <translation>Only messages of this day or earlier</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>&amp;Direction:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Se&amp;nder:</source>
        <translation>Se&amp;nder:</translation>
    </message>
    <message>
        <source>Name or address</source>
        <translation>Name or address</translation>
    </message>
    <message>
        <source>Reci&amp;pient:</source>
        <translation>Reci&amp;pient:</translation>
    </message>
    <message>
        <source>With a&amp;ttachments</source>
        <translation>With a&amp;ttachments</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Delivered to:</source>
        <extracomment>Preview: every address the message was delivered to (RCPT TO), Bcc included.</extracomment>
        <translation>Delivered to:</translation>
    </message>
    <message>
        <source>&amp;Export Selected</source>
        <translation>&amp;Export Selected</translation>
    </message>
    <message>
        <source>Save the selected messages as files, unchanged.</source>
        <translation>Save the selected messages as files, unchanged.</translation>
    </message>
    <message>
        <source>Export &amp;All Results</source>
        <translation>Export &amp;All Results</translation>
    </message>
    <message>
        <source>Save every message the search found, not only those listed so far, as files.</source>
        <translation>Save every message the search found, not only those listed so far, as files.</translation>
    </message>
    <message>
        <source>As .eml Files in a Folder…</source>
        <translation>As .eml Files in a Folder…</translation>
    </message>
    <message>
        <source>As One mbox File…</source>
        <translation>As One mbox File…</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>The start date is after the end date.</translation>
    </message>
    <message>
        <source>The database is busy or cannot be opened right now. Search again in a moment.</source>
        <translation>The database is busy or cannot be opened right now. Search again in a moment.</translation>
    </message>
    <message>
        <source>These search conditions cannot be used. Check the dates.</source>
        <translation>These search conditions cannot be used. Check the dates.</translation>
    </message>
    <message>
        <source>The archive could not be searched.</source>
        <translation>The archive could not be searched.</translation>
    </message>
    <message>
        <source>The rest of the results could not be read. Search again to try once more.</source>
        <translation>The rest of the results could not be read. Search again to try once more.</translation>
    </message>
    <message>
        <source>The archive&apos;s usage could not be read.</source>
        <translation>The archive&apos;s usage could not be read.</translation>
    </message>
    <message>
        <source>%1 of %2 used (%3%)</source>
        <extracomment>Archive usage: used, the cap, the percentage of the cap.</extracomment>
        <translation>%1 of %2 used (%3%)</translation>
    </message>
    <message>
        <source>%1 used (no limit)</source>
        <translation>%1 used (no limit)</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) archived</source>
        <translation>
            <numerusform>%n message archived</numerusform>
            <numerusform>%n messages archived</numerusform>
        </translation>
    </message>
    <message>
        <source>oldest from %1</source>
        <translation>oldest from %1</translation>
    </message>
    <message>
        <source> · </source>
        <extracomment>Separator between the parts of the archive&apos;s usage line.</extracomment>
        <translation> · </translation>
    </message>
    <message numerus="yes">
        <source>%n distinct message(s) stored in %1</source>
        <extracomment>Archive usage tooltip: a message sent to many is stored once.</extracomment>
        <translation>
            <numerusform>%n distinct message stored in %1</numerusform>
            <numerusform>%n distinct messages stored in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Search index: %1</source>
        <translation>Search index: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) not yet in the search index (they are added before the next search)</source>
        <translation>
            <numerusform>%n message not yet in the search index (they are added before the next search)</numerusform>
            <numerusform>%n messages not yet in the search index (they are added before the next search)</numerusform>
        </translation>
    </message>
    <message>
        <source>The archive is empty.
Mail sent from the accounts here appears once it has been sent.</source>
        <translation>The archive is empty.
Mail sent from the accounts here appears once it has been sent.</translation>
    </message>
    <message>
        <source>No archived message matches this search.</source>
        <translation>No archived message matches this search.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) listed, more below</source>
        <extracomment>More results follow: they are read as the list is scrolled down.</extracomment>
        <translation>
            <numerusform>%n message listed, more below</numerusform>
            <numerusform>%n messages listed, more below</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>%n message found</numerusform>
            <numerusform>%n messages found</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a message to see its contents here.</source>
        <translation>Select a message to see its contents here.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) selected.</source>
        <translation>
            <numerusform>%n message selected.</numerusform>
            <numerusform>%n messages selected.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>This message is no longer in the archive (its retention period has ended).</source>
        <translation>This message is no longer in the archive (its retention period has ended).</translation>
    </message>
    <message>
        <source>This message could not be read.</source>
        <translation>This message could not be read.</translation>
    </message>
    <message>
        <source>Export All Results as mbox</source>
        <translation>Export All Results as mbox</translation>
    </message>
    <message>
        <source>Export Selected as mbox</source>
        <translation>Export Selected as mbox</translation>
    </message>
    <message>
        <source>mbox files (*.mbox);;All files (*)</source>
        <translation>mbox files (*.mbox);;All files (*)</translation>
    </message>
    <message>
        <source>Folder for the .eml Files of All Results</source>
        <translation>Folder for the .eml Files of All Results</translation>
    </message>
    <message>
        <source>Folder for the .eml Files of the Selected Messages</source>
        <translation>Folder for the .eml Files of the Selected Messages</translation>
    </message>
    <message>
        <source>Exporting messages…</source>
        <translation>Exporting messages…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Archive Export</source>
        <translation>Archive Export</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Collecting the results of the search…</source>
        <translation>Collecting the results of the search…</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n message(s)…</source>
        <translation>
            <numerusform>Exporting %n message…</numerusform>
            <numerusform>Exporting %n messages…</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled. No file was left behind.</source>
        <translation>The export was cancelled. No file was left behind.</translation>
    </message>
    <message>
        <source>A message is no longer in the archive (its retention period has ended). Search again and export once more.</source>
        <translation>A message is no longer in the archive (its retention period has ended). Search again and export once more.</translation>
    </message>
    <message>
        <source>The database is busy right now. Export again in a moment.</source>
        <translation>The database is busy right now. Export again in a moment.</translation>
    </message>
    <message>
        <source>The messages could not be exported to %1. Check that the folder exists and can be written to.</source>
        <translation>The messages could not be exported to %1. Check that the folder exists and can be written to.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported to %1.</source>
        <translation>
            <numerusform>%n message exported to %1.</numerusform>
            <numerusform>%n messages exported to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported as .eml files to %1.</source>
        <translation>
            <numerusform>%n message exported as .eml files to %1.</numerusform>
            <numerusform>%n messages exported as .eml files to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Found in To and Cc, and among the addresses the message was delivered to (Bcc too)</source>
        <translation>Found in To and Cc, and among the addresses the message was delivered to (Bcc too)</translation>
    </message>
    <message>
        <source>Arch&amp;ive Settings…</source>
        <translation>Arch&amp;ive Settings…</translation>
    </message>
    <message>
        <source>Which domains also keep received mail, and the search users who may search the archive</source>
        <translation>Which domains also keep received mail, and the search users who may search the archive</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveSearchUserDialog</name>
    <message>
        <source>Add Search User</source>
        <translation>Add Search User</translation>
    </message>
    <message>
        <source>A search user can only search the archive and read what it finds; it has no mailbox and cannot change anything.</source>
        <translation>A search user can only search the archive and read what it finds; it has no mailbox and cannot change anything.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>e.g. kansa</source>
        <translation>e.g. kansa</translation>
    </message>
    <message>
        <source>Letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (half-width), up to 64 characters. admin and provadmin are reserved.</source>
        <translation>Letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (half-width), up to 64 characters. admin and provadmin are reserved.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Con&amp;firm password:</source>
        <translation>Con&amp;firm password:</translation>
    </message>
    <message>
        <source>At least %1 characters. Tell the password to the person in person; it cannot be shown again later.</source>
        <translation>At least %1 characters. Tell the password to the person in person; it cannot be shown again later.</translation>
    </message>
    <message>
        <source>May search:</source>
        <translation>May search:</translation>
    </message>
    <message>
        <source>&amp;All accounts</source>
        <translation>&amp;All accounts</translation>
    </message>
    <message>
        <source>&amp;Only the accounts checked below</source>
        <translation>&amp;Only the accounts checked below</translation>
    </message>
    <message>
        <source>Add &amp;Search User</source>
        <translation>Add &amp;Search User</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Enter a name for the search user.</source>
        <translation>Enter a name for the search user.</translation>
    </message>
    <message>
        <source>The name can only hold half-width letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, up to 64 characters, and must start with a letter or digit.</source>
        <translation>The name can only hold half-width letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, up to 64 characters, and must start with a letter or digit.</translation>
    </message>
    <message>
        <source>Check at least one account the search user may search, or choose all accounts.</source>
        <translation>Check at least one account the search user may search, or choose all accounts.</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveSearchUserModel</name>
    <message>
        <source>All accounts</source>
        <extracomment>A search user that may search the mail of every account.</extracomment>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>Column: a search user&apos;s login name.</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>May search</source>
        <extracomment>Column: the accounts whose archived mail a search user may search.</extracomment>
        <translation>May search</translation>
    </message>
    <message>
        <source>Created</source>
        <extracomment>Column: the day a search user was made.</extracomment>
        <translation>Created</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveSettingsDialog</name>
    <message>
        <source>Archive Settings</source>
        <translation>Archive Settings</translation>
    </message>
    <message>
        <source>Received Mail</source>
        <translation>Received Mail</translation>
    </message>
    <message>
        <source>For each domain, choose whether the mail its accounts receive is kept in the archive too. A change applies at once to mail that arrives from then on.</source>
        <translation>For each domain, choose whether the mail its accounts receive is kept in the archive too. A change applies at once to mail that arrives from then on.</translation>
    </message>
    <message>
        <source>Search Users</source>
        <translation>Search Users</translation>
    </message>
    <message>
        <source>A search user may only search the archive — of every account, or only of the accounts chosen for it. Give one, for example, to the person who checks mail for compliance.</source>
        <translation>A search user may only search the archive — of every account, or only of the accounts chosen for it. Give one, for example, to the person who checks mail for compliance.</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>Received mail</source>
        <translation>Received mail</translation>
    </message>
    <message>
        <source>Also keep received mail</source>
        <extracomment>Checkbox beside a domain: its received mail is also kept in the archive.</extracomment>
        <translation>Also keep received mail</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Sent mail is always kept, for every account (setting &quot;Keep sent mail in the archive&quot;).</source>
        <translation>Sent mail is always kept, for every account (setting &quot;Keep sent mail in the archive&quot;).</translation>
    </message>
    <message>
        <source>Sent mail is not kept now: the setting &quot;Keep sent mail in the archive&quot; is off.</source>
        <translation>Sent mail is not kept now: the setting &quot;Keep sent mail in the archive&quot; is off.</translation>
    </message>
    <message>
        <source>Search users sign in at the server&apos;s web address, path /archive, to search. The full address is shown here while the mail server runs.</source>
        <translation>Search users sign in at the server&apos;s web address, path /archive, to search. The full address is shown here while the mail server runs.</translation>
    </message>
    <message>
        <source>Search users sign in at %1 to search.</source>
        <translation>Search users sign in at %1 to search.</translation>
    </message>
    <message>
        <source>Received mail of %1 is now kept in the archive.</source>
        <translation>Received mail of %1 is now kept in the archive.</translation>
    </message>
    <message>
        <source>Received mail of %1 is no longer kept in the archive. What is already kept stays until its retention period ends.</source>
        <translation>Received mail of %1 is no longer kept in the archive. What is already kept stays until its retention period ends.</translation>
    </message>
    <message>
        <source>The search user %1 was added.</source>
        <translation>The search user %1 was added.</translation>
    </message>
    <message>
        <source>Delete Search User</source>
        <translation>Delete Search User</translation>
    </message>
    <message>
        <source>Delete the search user %1?

It can no longer sign in to search the archive. The archived mail is not affected.</source>
        <translation>Delete the search user %1?

It can no longer sign in to search the archive. The archived mail is not affected.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>The search user %1 was deleted.</source>
        <translation>The search user %1 was deleted.</translation>
    </message>
</context>
<context>
    <name>fumibako::ArchiveTableModel</name>
    <message>
        <source>Sent</source>
        <extracomment>Archive: a message sent from an account here (送信).</extracomment>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Received</source>
        <extracomment>Archive: a message received by an account here (受信).</extracomment>
        <translation>Received</translation>
    </message>
    <message>
        <source>(no sender)</source>
        <extracomment>The envelope sender of a delivery report is empty (&lt;&gt;).</extracomment>
        <translation>(no sender)</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <extracomment>An archived message without a subject.</extracomment>
        <translation>(no subject)</translation>
    </message>
    <message>
        <source>Envelope sender: %1</source>
        <extracomment>Archive tooltip: the envelope sender (MAIL FROM).</extracomment>
        <translation>Envelope sender: %1</translation>
    </message>
    <message>
        <source>Delivered to: %1</source>
        <extracomment>Archive tooltip: every envelope recipient (RCPT TO), Bcc included.</extracomment>
        <translation>Delivered to: %1</translation>
    </message>
    <message>
        <source>Accounts: %1</source>
        <translation>Accounts: %1</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Size: %1</translation>
    </message>
    <message>
        <source>With attachments</source>
        <translation>With attachments</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Direction</source>
        <extracomment>Column: sent or received.</extracomment>
        <translation>Direction</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
</context>
<context>
    <name>fumibako::AutoReplyPanel</name>
    <message>
        <source>Answers mail to %1 automatically with the text below, for example while its user is on holiday.</source>
        <translation>Answers mail to %1 automatically with the text below, for example while its user is on holiday.</translation>
    </message>
    <message>
        <source>&amp;Reply automatically</source>
        <translation>&amp;Reply automatically</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Without a date the replies start at once.</source>
        <translation>Without a date the replies start at once.</translation>
    </message>
    <message>
        <source>Without a date the replies go on until they are turned off.</source>
        <translation>Without a date the replies go on until they are turned off.</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>Empty: &quot;Re: &quot; and the subject of the mail</source>
        <translation>Empty: &quot;Re: &quot; and the subject of the mail</translation>
    </message>
    <message>
        <source>Sender &amp;name:</source>
        <extracomment>The 送信者名 of the FAQ: the name the auto-reply shows as its sender.</extracomment>
        <translation>Sender &amp;name:</translation>
    </message>
    <message>
        <source>e.g. Sales Department, Taro Yamada</source>
        <translation>e.g. Sales Department, Taro Yamada</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <source>Reply to a sender once every:</source>
        <translation>Reply to a sender once every:</translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
    <message>
        <source>Send in ISO-2022-JP (JIS) for older mobile phones</source>
        <translation>Send in ISO-2022-JP (JIS) for older mobile phones</translation>
    </message>
    <message numerus="yes">
        <source>Each sender gets one reply in %n day(s), however much they write. Automatic mail (other auto-replies, mailing lists, delivery errors) is never answered, so two addresses that reply to each other automatically do not fill each other&apos;s mailbox.</source>
        <translation>
            <numerusform>Each sender gets one reply a day, however much they write. Automatic mail (other auto-replies, mailing lists, delivery errors) is never answered, so two addresses that reply to each other automatically do not fill each other&apos;s mailbox.</numerusform>
            <numerusform>Each sender gets one reply in %n days, however much they write. Automatic mail (other auto-replies, mailing lists, delivery errors) is never answered, so two addresses that reply to each other automatically do not fill each other&apos;s mailbox.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the text of the reply.</source>
        <translation>Enter the text of the reply.</translation>
    </message>
    <message>
        <source>The text can be at most %1 characters long.</source>
        <translation>The text can be at most %1 characters long.</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>The last day is before the first day.</translation>
    </message>
    <message>
        <source>Auto-reply is off.</source>
        <translation>Auto-reply is off.</translation>
    </message>
    <message>
        <source>Replies start on %1.</source>
        <translation>Replies start on %1.</translation>
    </message>
    <message>
        <source>The last day (%1) has passed: no replies are sent.</source>
        <translation>The last day (%1) has passed: no replies are sent.</translation>
    </message>
    <message>
        <source>Replying now, until %1.</source>
        <translation>Replying now, until %1.</translation>
    </message>
    <message>
        <source>Replying now.</source>
        <translation>Replying now.</translation>
    </message>
</context>
<context>
    <name>fumibako::DashboardPage</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Open connections</source>
        <translation>Open connections</translation>
    </message>
    <message>
        <source>Mail received today</source>
        <translation>Mail received today</translation>
    </message>
    <message>
        <source>Mail sent today</source>
        <translation>Mail sent today</translation>
    </message>
    <message>
        <source>Waiting in the send queue</source>
        <translation>Waiting in the send queue</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS certificate</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Issued to:</translation>
    </message>
    <message>
        <source>Host names:</source>
        <translation>Host names:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>The mail server is running</source>
        <translation>The mail server is running</translation>
    </message>
    <message>
        <source>The mail server is starting…</source>
        <translation>The mail server is starting…</translation>
    </message>
    <message>
        <source>The mail server is stopping…</source>
        <translation>The mail server is stopping…</translation>
    </message>
    <message>
        <source>The mail server is stopped</source>
        <translation>The mail server is stopped</translation>
    </message>
    <message>
        <source>The mail server could not start</source>
        <translation>The mail server could not start</translation>
    </message>
    <message>
        <source>Restart Server</source>
        <translation>Restart Server</translation>
    </message>
    <message>
        <source>Start Server</source>
        <translation>Start Server</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (expired)</translation>
    </message>
    <message>
        <source>The certificate has expired. Mail programs will show security warnings; import a new certificate under Settings.</source>
        <translation>The certificate has expired. Mail programs will show security warnings; import a new certificate under Settings.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n day(s) left)</source>
        <translation>
            <numerusform>%1 (%n day left)</numerusform>
            <numerusform>%1 (%n days left)</numerusform>
        </translation>
    </message>
    <message>
        <source>The certificate expires soon. Import a renewed certificate under Settings.</source>
        <translation>The certificate expires soon. Import a renewed certificate under Settings.</translation>
    </message>
    <message>
        <source>Settings changes wait for a restart: %1. Restart the server to use them.</source>
        <translation>Settings changes wait for a restart: %1. Restart the server to use them.</translation>
    </message>
    <message>
        <source>Virus and spam protection today</source>
        <translation>Virus and spam protection today</translation>
    </message>
    <message>
        <source>Viruses found</source>
        <translation>Viruses found</translation>
    </message>
    <message>
        <source>Mail held as spam</source>
        <translation>Mail held as spam</translation>
    </message>
    <message>
        <source>Accepted unscored</source>
        <translation>Accepted unscored</translation>
    </message>
    <message>
        <source>Mail accepted without a spam check because the spam scanner (spamd) did not answer. It is delivered as usual.</source>
        <translation>Mail accepted without a spam check because the spam scanner (spamd) did not answer. It is delivered as usual.</translation>
    </message>
    <message>
        <source>Release links in the daily Spam Summary open pages at %1</source>
        <extracomment>%1: the URL of the server&apos;s HTTPS listener, e.g. https://mx.example.co.jp:2443/</extracomment>
        <translation>Release links in the daily Spam Summary open pages at %1</translation>
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
        <translation>Signing</translation>
    </message>
    <message>
        <source>Not signing</source>
        <translation>Not signing</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>Selector</source>
        <extracomment>The DKIM selector: the name that tells one key of a domain from another.</extracomment>
        <translation>Selector</translation>
    </message>
    <message>
        <source>Key type</source>
        <translation>Key type</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
</context>
<context>
    <name>fumibako::DkimPage</name>
    <message>
        <source>The change was saved, but the running mail server could not load the DKIM keys; it uses them after a restart.</source>
        <translation>The change was saved, but the running mail server could not load the DKIM keys; it uses them after a restart.</translation>
    </message>
    <message>
        <source>The running mail server uses the change from now on.</source>
        <translation>The running mail server uses the change from now on.</translation>
    </message>
    <message>
        <source>The mail server uses the change when it is started.</source>
        <translation>The mail server uses the change when it is started.</translation>
    </message>
    <message>
        <source>A new DKIM key signs mail only after you publish its DNS record and then start signing with it. After you stop signing with a key, leave its record published a few more days before you delete the key. Changes here apply without restarting the mail server.</source>
        <translation>A new DKIM key signs mail only after you publish its DNS record and then start signing with it. After you stop signing with a key, leave its record published a few more days before you delete the key. Changes here apply without restarting the mail server.</translation>
    </message>
    <message>
        <source>D&amp;omain:</source>
        <translation>D&amp;omain:</translation>
    </message>
    <message>
        <source>DKIM keys</source>
        <translation>DKIM keys</translation>
    </message>
    <message>
        <source>&amp;Key type:</source>
        <translation>&amp;Key type:</translation>
    </message>
    <message>
        <source>Ed25519 (newer; not every server checks it)</source>
        <translation>Ed25519 (newer; not every server checks it)</translation>
    </message>
    <message>
        <source>RSA 2048-bit (recommended)</source>
        <translation>RSA 2048-bit (recommended)</translation>
    </message>
    <message>
        <source>Every receiving server can check RSA. Ed25519 is shorter and newer, but some servers cannot check it yet: use it only in addition to an RSA key.</source>
        <translation>Every receiving server can check RSA. Ed25519 is shorter and newer, but some servers cannot check it yet: use it only in addition to an RSA key.</translation>
    </message>
    <message>
        <source>&amp;New Key</source>
        <translation>&amp;New Key</translation>
    </message>
    <message>
        <source>Make a new key for the chosen domain. It does not sign until you start signing with it.</source>
        <translation>Make a new key for the chosen domain. It does not sign until you start signing with it.</translation>
    </message>
    <message>
        <source>&amp;Start Signing…</source>
        <translation>&amp;Start Signing…</translation>
    </message>
    <message>
        <source>S&amp;top Signing</source>
        <translation>S&amp;top Signing</translation>
    </message>
    <message>
        <source>Stop signing with the selected key. Its DNS record should stay published a few more days.</source>
        <translation>Stop signing with the selected key. Its DNS record should stay published a few more days.</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Records to publish in DNS (type TXT)</source>
        <translation>Records to publish in DNS (type TXT)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Value:</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copy to the clipboard</translation>
    </message>
    <message>
        <source>For a DNS server you run yourself: every DKIM key of the domain, SPF and DMARC as lines of a BIND zone file.</source>
        <translation>For a DNS server you run yourself: every DKIM key of the domain, SPF and DMARC as lines of a BIND zone file.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>Copy All as Zone File Lines</source>
        <translation>Copy All as Zone File Lines</translation>
    </message>
    <message>
        <source>A key that signs cannot be deleted: stop signing with it first.</source>
        <translation>A key that signs cannot be deleted: stop signing with it first.</translation>
    </message>
    <message>
        <source>Delete the selected key for good.</source>
        <translation>Delete the selected key for good.</translation>
    </message>
    <message>
        <source>Sign outgoing mail of the domain with the selected key. Publish its DNS record first.</source>
        <translation>Sign outgoing mail of the domain with the selected key. Publish its DNS record first.</translation>
    </message>
    <message>
        <source>DKIM</source>
        <translation>DKIM</translation>
    </message>
    <message>
        <source>DKIM (key %1, %2)</source>
        <translation>DKIM (key %1, %2)</translation>
    </message>
    <message>
        <source>Publish the record of every key in the list, including new keys that do not sign yet and keys you stopped signing with.</source>
        <translation>Publish the record of every key in the list, including new keys that do not sign yet and keys you stopped signing with.</translation>
    </message>
    <message>
        <source>%1 has no DKIM key yet. Make one with New Key above.</source>
        <translation>%1 has no DKIM key yet. Make one with New Key above.</translation>
    </message>
    <message>
        <source>Select a key in the list to see its record.</source>
        <translation>Select a key in the list to see its record.</translation>
    </message>
    <message>
        <source>SPF (which servers may send mail for the domain)</source>
        <translation>SPF (which servers may send mail for the domain)</translation>
    </message>
    <message>
        <source>DMARC (what receivers do when the checks fail)</source>
        <translation>DMARC (what receivers do when the checks fail)</translation>
    </message>
    <message>
        <source>A domain has one SPF record: if it already has one, add to it instead of publishing a second.</source>
        <translation>A domain has one SPF record: if it already has one, add to it instead of publishing a second.</translation>
    </message>
    <message>
        <source>Allows the domain&apos;s MX servers and your sending server (smarthost) %1. If your provider documents an SPF entry (&quot;include:&quot;), use that instead.</source>
        <translation>Allows the domain&apos;s MX servers and your sending server (smarthost) %1. If your provider documents an SPF entry (&quot;include:&quot;), use that instead.</translation>
    </message>
    <message>
        <source>Allows the domain&apos;s MX servers and this server (%1).</source>
        <translation>Allows the domain&apos;s MX servers and this server (%1).</translation>
    </message>
    <message>
        <source>Allows the domain&apos;s MX servers.</source>
        <translation>Allows the domain&apos;s MX servers.</translation>
    </message>
    <message>
        <source>p=none only asks for reports (sent to postmaster@%1); no mail is refused. Once the reports show that all your mail passes, you can change it to p=quarantine.</source>
        <translation>p=none only asks for reports (sent to postmaster@%1); no mail is refused. Once the reports show that all your mail passes, you can change it to p=quarantine.</translation>
    </message>
    <message>
        <source>The key %1 was made. Publish its DNS record shown below, then start signing with it.</source>
        <translation>The key %1 was made. Publish its DNS record shown below, then start signing with it.</translation>
    </message>
    <message>
        <source>Start Signing</source>
        <translation>Start Signing</translation>
    </message>
    <message>
        <source>Sign mail from %1 with the key %2?

Publish its DNS record first:
%3

A receiving server that cannot find the record counts the signature as failed. A new record can take a few hours to be seen everywhere.</source>
        <translation>Sign mail from %1 with the key %2?

Publish its DNS record first:
%3

A receiving server that cannot find the record counts the signature as failed. A new record can take a few hours to be seen everywhere.</translation>
    </message>
    <message>
        <source>The key %1 was set to sign mail from %2.</source>
        <translation>The key %1 was set to sign mail from %2.</translation>
    </message>
    <message>
        <source>The key %1 was set to stop signing.</source>
        <translation>The key %1 was set to stop signing.</translation>
    </message>
    <message>
        <source>Keep its DNS record a few more days, then delete the key.</source>
        <translation>Keep its DNS record a few more days, then delete the key.</translation>
    </message>
    <message>
        <source>Delete DKIM Key</source>
        <translation>Delete DKIM Key</translation>
    </message>
    <message>
        <source>Delete the DKIM key %2 of %1?

Mail signed with it in the last few days may still be on its way; delete a key only some days after it stopped signing. Then remove its DNS record:
%3

This cannot be undone.</source>
        <translation>Delete the DKIM key %2 of %1?

Mail signed with it in the last few days may still be on its way; delete a key only some days after it stopped signing. Then remove its DNS record:
%3

This cannot be undone.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>The key %1 was deleted. Its DNS record can be removed now.</source>
        <translation>The key %1 was deleted. Its DNS record can be removed now.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>Two sentences one after the other: a space in English, none after 。 in Japanese.</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>DKIM, SPF and DMARC let receiving servers check that mail from your domain really comes from you, so it is less often taken for spam or a forgery. They work through records you publish in your domain&apos;s DNS.</source>
        <translation>DKIM, SPF and DMARC let receiving servers check that mail from your domain really comes from you, so it is less often taken for spam or a forgery. They work through records you publish in your domain&apos;s DNS.</translation>
    </message>
    <message>
        <source>Some DNS control panels want the name without &quot;.%1&quot;.</source>
        <translation>Some DNS control panels want the name without &quot;.%1&quot;.</translation>
    </message>
</context>
<context>
    <name>fumibako::DomainPage</name>
    <message>
        <source>Domain and administrator</source>
        <translation>Domain and administrator</translation>
    </message>
    <message>
        <source>The domain is the part after the @ in your company&apos;s mail addresses.</source>
        <translation>The domain is the part after the @ in your company&apos;s mail addresses.</translation>
    </message>
    <message>
        <source>Mail &amp;domain:</source>
        <translation>Mail &amp;domain:</translation>
    </message>
    <message>
        <source>Server &amp;host name:</source>
        <translation>Server &amp;host name:</translation>
    </message>
    <message>
        <source>&amp;Administrator address:</source>
        <translation>&amp;Administrator address:</translation>
    </message>
    <message>
        <source>e.g. System administrator</source>
        <translation>e.g. System administrator</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>At least %1 characters. The password is stored only in scrambled (hashed) form; nobody can read it back.</source>
        <translation>At least %1 characters. The password is stored only in scrambled (hashed) form; nobody can read it back.</translation>
    </message>
    <message>
        <source>noreply@ is created automatically as a send-only address. Choose another address for the administrator.</source>
        <translation>noreply@ is created automatically as a send-only address. Choose another address for the administrator.</translation>
    </message>
    <message>
        <source>Administrator&apos;s displa&amp;y name:</source>
        <translation>Administrator&apos;s displa&amp;y name:</translation>
    </message>
    <message>
        <source>Con&amp;firm password:</source>
        <translation>Con&amp;firm password:</translation>
    </message>
    <message>
        <source>Optional. The name this server gives itself when it talks to other mail servers. Leave empty to use this computer&apos;s name.</source>
        <translation>Optional. The name this server gives itself when it talks to other mail servers. Leave empty to use this computer&apos;s name.</translation>
    </message>
</context>
<context>
    <name>fumibako::FilterPage</name>
    <message>
        <source>Mail that a filter blocks is kept in the spam quarantine instead of the mailbox. Allow lists come before block lists, and both before the spam score. Mail that claims to come from your own domain but from an address that does not exist is always quarantined while a filter is in use.</source>
        <translation>Mail that a filter blocks is kept in the spam quarantine instead of the mailbox. Allow lists come before block lists, and both before the spam score. Mail that claims to come from your own domain but from an address that does not exist is always quarantined while a filter is in use.</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Common filter (all accounts)</source>
        <translation>Common filter (all accounts)</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Keep quarantined mail for:</source>
        <translation>Keep quarantined mail for:</translation>
    </message>
    <message>
        <source>Show the common filter to users (they cannot change it)</source>
        <translation>Show the common filter to users (they cannot change it)</translation>
    </message>
    <message>
        <source>Add:</source>
        <translation>Add:</translation>
    </message>
    <message>
        <source>Address, domain or word</source>
        <translation>Address, domain or word</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message numerus="yes">
        <source>Server setting (%n day(s))</source>
        <translation>
            <numerusform>Server setting (%n day)</numerusform>
            <numerusform>Server setting (%n days)</numerusform>
        </translation>
    </message>
    <message>
        <source>Use the common filter</source>
        <translation>Use the common filter</translation>
    </message>
    <message>
        <source>Apply the common filter to this account</source>
        <translation>Apply the common filter to this account</translation>
    </message>
    <message>
        <source>The common filter is turned off for all accounts.</source>
        <translation>The common filter is turned off for all accounts.</translation>
    </message>
    <message numerus="yes">
        <source>The %n entry(s) of the common filter also apply to this account.</source>
        <translation>
            <numerusform>The %n entry of the common filter also applies to this account.</numerusform>
            <numerusform>The %n entries of the common filter also apply to this account.</numerusform>
        </translation>
    </message>
    <message>
        <source>The common filter does not apply to this account.</source>
        <translation>The common filter does not apply to this account.</translation>
    </message>
    <message>
        <source>%1 – %2: %3 / %4 entries</source>
        <extracomment>How many entries the chosen list (%1) and field (%2) hold (%3), of the most allowed (%4).</extracomment>
        <translation>%1 – %2: %3 / %4 entries</translation>
    </message>
    <message>
        <source>Saved. New mail is filtered this way.</source>
        <translation>Saved. New mail is filtered this way.</translation>
    </message>
    <message>
        <source>Added. New mail is filtered this way.</source>
        <translation>Added. New mail is filtered this way.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) removed.</source>
        <translation>
            <numerusform>%n entry removed.</numerusform>
            <numerusform>%n entries removed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fumibako::FilterTableModel</name>
    <message>
        <source>Allow</source>
        <extracomment>Spam filter list: mail matching it always reaches the mailbox (除外リスト).</extracomment>
        <translation>Allow</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Sender address</translation>
    </message>
    <message>
        <source>Sender domain</source>
        <translation>Sender domain</translation>
    </message>
    <message>
        <source>Word in subject</source>
        <extracomment>A spam filter entry that matches a word anywhere in the subject.</extracomment>
        <translation>Word in subject</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>English (half-width subject)</source>
        <extracomment>Language filter: subjects of half-width letters only (the FAQ&apos;s rule).</extracomment>
        <translation>English (half-width subject)</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>Russian and other Cyrillic</source>
        <translation>Russian and other Cyrillic</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>Thai</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamese</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabic</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Hebrew</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Greek</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Turkish</translation>
    </message>
    <message>
        <source>List</source>
        <extracomment>Column: whether the entry allows or blocks.</extracomment>
        <translation>List</translation>
    </message>
    <message>
        <source>Compared with</source>
        <extracomment>Column: what part of the mail the entry is compared with.</extracomment>
        <translation>Compared with</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
</context>
<context>
    <name>fumibako::ForwardingPanel</name>
    <message>
        <source>Mail that arrives for %1 can also be sent on to other addresses, for example a mobile phone. Up to %2 addresses.</source>
        <translation>Mail that arrives for %1 can also be sent on to other addresses, for example a mobile phone. Up to %2 addresses.</translation>
    </message>
    <message>
        <source>Forward to</source>
        <translation>Forward to</translation>
    </message>
    <message>
        <source>e.g. taro@example.com</source>
        <translation>e.g. taro@example.com</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Copy on this server</source>
        <extracomment>The 保存設定 of the FAQ: whether forwarded mail also stays in this mailbox.</extracomment>
        <translation>Copy on this server</translation>
    </message>
    <message>
        <source>Keep a copy on the server</source>
        <translation>Keep a copy on the server</translation>
    </message>
    <message>
        <source>Do not keep a copy on the server</source>
        <translation>Do not keep a copy on the server</translation>
    </message>
    <message>
        <source>Send delivery errors from the forwarding addresses to this address</source>
        <translation>Send delivery errors from the forwarding addresses to this address</translation>
    </message>
    <message>
        <source>Forwarded mail will not be kept in this mailbox: it cannot be received at this address with a mail program, only at the forwarding addresses. Mail that is already here stays.</source>
        <translation>Forwarded mail will not be kept in this mailbox: it cannot be received at this address with a mail program, only at the forwarding addresses. Mail that is already here stays.</translation>
    </message>
    <message>
        <source>What is forwarded</source>
        <translation>What is forwarded</translation>
    </message>
    <message>
        <source>Forward everything</source>
        <translation>Forward everything</translation>
    </message>
    <message>
        <source>Forward without attachments</source>
        <translation>Forward without attachments</translation>
    </message>
    <message>
        <source>Do not forward mail judged as spam</source>
        <translation>Do not forward mail judged as spam</translation>
    </message>
    <message>
        <source>Conditions (optional)</source>
        <extracomment>条件の設定: forward only the mail that matches.</extracomment>
        <translation>Conditions (optional)</translation>
    </message>
    <message>
        <source>Sender &amp;contains:</source>
        <translation>Sender &amp;contains:</translation>
    </message>
    <message>
        <source>S&amp;ubject contains:</source>
        <translation>S&amp;ubject contains:</translation>
    </message>
    <message>
        <source>e.g. @customer.co.jp</source>
        <translation>e.g. @customer.co.jp</translation>
    </message>
    <message>
        <source>e.g. Urgent</source>
        <translation>e.g. Urgent</translation>
    </message>
    <message>
        <source>Empty: all mail is forwarded. With both filled in, only mail that matches both is forwarded.</source>
        <translation>Empty: all mail is forwarded. With both filled in, only mail that matches both is forwarded.</translation>
    </message>
    <message>
        <source>To prevent loops, mail from postmaster and mailer-daemon and mail held as spam is never forwarded. If a forwarding address cannot be reached, the error sent back does not show that address.</source>
        <translation>To prevent loops, mail from postmaster and mailer-daemon and mail held as spam is never forwarded. If a forwarding address cannot be reached, the error sent back does not show that address.</translation>
    </message>
    <message>
        <source>&amp;Stop Forwarding…</source>
        <translation>&amp;Stop Forwarding…</translation>
    </message>
    <message>
        <source>Only while a copy is kept on the server.</source>
        <translation>Only while a copy is kept on the server.</translation>
    </message>
    <message>
        <source>Add at least one forwarding address. To stop forwarding, use Stop Forwarding.</source>
        <translation>Add at least one forwarding address. To stop forwarding, use Stop Forwarding.</translation>
    </message>
    <message>
        <source>Add at least one forwarding address.</source>
        <translation>Add at least one forwarding address.</translation>
    </message>
    <message>
        <source>An account cannot forward to itself.</source>
        <translation>An account cannot forward to itself.</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 is already in the list.</translation>
    </message>
    <message>
        <source>Mail can be forwarded to at most %1 addresses.</source>
        <translation>Mail can be forwarded to at most %1 addresses.</translation>
    </message>
    <message>
        <source>%1 forwards mail back to %2 (mutual forwarding). Mail passed between them is stopped by the loop check and the sender gets an error. Remove one of the two forwardings if the mail should arrive.</source>
        <extracomment>%1: the accounts (one or more, comma-separated) that forward back here.</extracomment>
        <translation>%1 forwards mail back to %2 (mutual forwarding). Mail passed between them is stopped by the loop check and the sender gets an error. Remove one of the two forwardings if the mail should arrive.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 / %2 addresses</source>
        <translation>%1 / %2 addresses</translation>
    </message>
    <message>
        <source>Forwarding is off.</source>
        <translation>Forwarding is off.</translation>
    </message>
    <message numerus="yes">
        <source>Forwarding to %n address(es).</source>
        <translation>
            <numerusform>Forwarding to %n address.</numerusform>
            <numerusform>Forwarding to %n addresses.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop Forwarding</source>
        <translation>Stop Forwarding</translation>
    </message>
    <message>
        <source>Stop forwarding the mail of %1?

New mail will only arrive in this mailbox. The forwarding addresses and options are removed.</source>
        <translation>Stop forwarding the mail of %1?

New mail will only arrive in this mailbox. The forwarding addresses and options are removed.</translation>
    </message>
</context>
<context>
    <name>fumibako::GroupTableModel</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>Separator between the members of a group in the list.</extracomment>
        <translation>, </translation>
    </message>
    <message>
        <source>Group address</source>
        <extracomment>Column: the group address that delivers to several recipients.</extracomment>
        <translation>Group address</translation>
    </message>
    <message>
        <source>Members</source>
        <extracomment>Column: how many members a group has.</extracomment>
        <translation>Members</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <extracomment>Column: the addresses a group delivers to.</extracomment>
        <translation>Delivered to</translation>
    </message>
</context>
<context>
    <name>fumibako::IntroPage</name>
    <message>
        <source>Welcome to Fumibako</source>
        <translation>Welcome to Fumibako</translation>
    </message>
    <message>
        <source>Set up your company&apos;s mail server in a few steps.</source>
        <translation>Set up your company&apos;s mail server in a few steps.</translation>
    </message>
    <message>
        <source>This wizard prepares the mail server for first use. You will need:</source>
        <translation>This wizard prepares the mail server for first use. You will need:</translation>
    </message>
    <message>
        <source>&lt;ul&gt;&lt;li&gt;your company&apos;s mail domain (for example example.co.jp)&lt;/li&gt;&lt;li&gt;an address and password for the administrator&lt;/li&gt;&lt;li&gt;the port numbers the server listens on (the defaults usually work)&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;ul&gt;&lt;li&gt;your company&apos;s mail domain (for example example.co.jp)&lt;/li&gt;&lt;li&gt;an address and password for the administrator&lt;/li&gt;&lt;li&gt;the port numbers the server listens on (the defaults usually work)&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Mail and settings will be kept in this folder:
%1</source>
        <translation>Mail and settings will be kept in this folder:
%1</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
</context>
<context>
    <name>fumibako::ListenerTableModel</name>
    <message>
        <source>All addresses</source>
        <translation>All addresses</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Listening</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>SMTP (receiving)</source>
        <translation>SMTP (receiving)</translation>
    </message>
    <message>
        <source>Submission (sending, STARTTLS)</source>
        <translation>Submission (sending, STARTTLS)</translation>
    </message>
    <message>
        <source>SMTPS (sending, SSL/TLS)</source>
        <translation>SMTPS (sending, SSL/TLS)</translation>
    </message>
    <message>
        <source>POP3 (STARTTLS)</source>
        <translation>POP3 (STARTTLS)</translation>
    </message>
    <message>
        <source>POP3S (SSL/TLS)</source>
        <translation>POP3S (SSL/TLS)</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Used for</translation>
    </message>
    <message>
        <source>Incoming mail from other servers</source>
        <translation>Incoming mail from other servers</translation>
    </message>
    <message>
        <source>Sending from users&apos; mail programs</source>
        <translation>Sending from users&apos; mail programs</translation>
    </message>
    <message>
        <source>Mail programs fetching their mail</source>
        <translation>Mail programs fetching their mail</translation>
    </message>
    <message>
        <source>IMAP (STARTTLS)</source>
        <translation>IMAP (STARTTLS)</translation>
    </message>
    <message>
        <source>IMAPS (SSL/TLS)</source>
        <translation>IMAPS (SSL/TLS)</translation>
    </message>
    <message>
        <source>HTTPS (release links)</source>
        <translation>HTTPS (release links)</translation>
    </message>
    <message>
        <source>Release links in the daily Spam Summary</source>
        <translation>Release links in the daily Spam Summary</translation>
    </message>
</context>
<context>
    <name>fumibako::LogPage</name>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>All addresses</source>
        <translation>All addresses</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %n entries. Narrow the search to see older ones.</source>
        <translation>
            <numerusform>Showing the newest %n entry. Narrow the search to see older ones.</numerusform>
            <numerusform>Showing the newest %n entries. Narrow the search to see older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fumibako::LogTableModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>POP3 login</source>
        <translation>POP3 login</translation>
    </message>
    <message>
        <source>Authentication failure</source>
        <translation>Authentication failure</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Server started</source>
        <translation>Server started</translation>
    </message>
    <message>
        <source>Server stopped</source>
        <translation>Server stopped</translation>
    </message>
    <message>
        <source>SMTP authentication failed</source>
        <translation>SMTP authentication failed</translation>
    </message>
    <message>
        <source>POP3 login failed</source>
        <translation>POP3 login failed</translation>
    </message>
    <message>
        <source>Refused: locked out after repeated failures</source>
        <translation>Refused: locked out after repeated failures</translation>
    </message>
    <message>
        <source>IMAP login</source>
        <translation>IMAP login</translation>
    </message>
    <message>
        <source>(no sender)</source>
        <translation>(no sender)</translation>
    </message>
    <message numerus="yes">
        <source>From %1, %2, %n recipient(s)</source>
        <translation>
            <numerusform>From %1, %2, %n recipient</numerusform>
            <numerusform>From %1, %2, %n recipients</numerusform>
        </translation>
    </message>
    <message>
        <source>, sent by %1</source>
        <translation>, sent by %1</translation>
    </message>
    <message>
        <source>Discarded (to a send-only address): %1</source>
        <translation>Discarded (to a send-only address): %1</translation>
    </message>
    <message>
        <source>Not accepted: %1 (%2)</source>
        <translation>Not accepted: %1 (%2)</translation>
    </message>
    <message>
        <source> [ID %1]</source>
        <translation> [ID %1]</translation>
    </message>
    <message>
        <source>Delivered to the mailbox [ID %1]</source>
        <translation>Delivered to the mailbox [ID %1]</translation>
    </message>
    <message>
        <source>Queued for sending to the recipient&apos;s server [ID %1]</source>
        <translation>Queued for sending to the recipient&apos;s server [ID %1]</translation>
    </message>
    <message numerus="yes">
        <source>Logged in without encryption, %n message(s) in the mailbox</source>
        <translation>
            <numerusform>Logged in without encryption, %n message in the mailbox</numerusform>
            <numerusform>Logged in without encryption, %n messages in the mailbox</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Logged in over TLS, %n message(s) in the mailbox</source>
        <translation>
            <numerusform>Logged in over TLS, %n message in the mailbox</numerusform>
            <numerusform>Logged in over TLS, %n messages in the mailbox</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Logged out, %n message(s) deleted from the server</source>
        <translation>
            <numerusform>Logged out, %n message deleted from the server</numerusform>
            <numerusform>Logged out, %n messages deleted from the server</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: the message (%1) is larger than the size limit. From %2</source>
        <translation>Refused: the message (%1) is larger than the size limit. From %2</translation>
    </message>
    <message>
        <source>Refused: the message has broken line endings. From %1</source>
        <translation>Refused: the message has broken line endings. From %1</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Deferred: the server is busy with other messages; the sender will try again. From %1</source>
        <translation>Deferred: the server is busy with other messages; the sender will try again. From %1</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Logged in</translation>
    </message>
    <message>
        <source>IMAP login failed</source>
        <translation>IMAP login failed</translation>
    </message>
    <message>
        <source>Login refused: too many sessions for this account from this address</source>
        <translation>Login refused: too many sessions for this account from this address</translation>
    </message>
</context>
<context>
    <name>fumibako::MailboxPanel</name>
    <message>
        <source>The folders of %1 on the server, with the number of messages and the space they use.</source>
        <translation>The folders of %1 on the server, with the number of messages and the space they use.</translation>
    </message>
    <message numerus="yes">
        <source>Total: %Ln message(s), %1</source>
        <translation>
            <numerusform>Total: %Ln message, %1</numerusform>
            <numerusform>Total: %Ln messages, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Empty Mailbox…</source>
        <translation>&amp;Empty Mailbox…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>Empty Mailbox deletes every message in the inbox (INBOX) from the server, for example when a mail program times out receiving a full mailbox. Mail in the other folders is kept, and so is mail a mail program has already downloaded to a computer.</source>
        <translation>Empty Mailbox deletes every message in the inbox (INBOX) from the server, for example when a mail program times out receiving a full mailbox. Mail in the other folders is kept, and so is mail a mail program has already downloaded to a computer.</translation>
    </message>
    <message>
        <source>Empty Mailbox</source>
        <translation>Empty Mailbox</translation>
    </message>
    <message>
        <source>The inbox of %1 is already empty.</source>
        <translation>The inbox of %1 is already empty.</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Empty</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) were deleted from the inbox of %1.</source>
        <translation>
            <numerusform>%Ln message was deleted from the inbox of %1.</numerusform>
            <numerusform>%Ln messages were deleted from the inbox of %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The inbox is empty.</source>
        <translation>The inbox is empty.</translation>
    </message>
    <message numerus="yes">
        <source>Empty the mailbox of %1?

%Ln message(s) (%2) in the inbox (INBOX) will be deleted from the server. Mail in the other folders is kept. This cannot be undone.</source>
        <translation>
            <numerusform>Empty the mailbox of %1?

%Ln message (%2) in the inbox (INBOX) will be deleted from the server. Mail in the other folders is kept. This cannot be undone.</numerusform>
            <numerusform>Empty the mailbox of %1?

%Ln messages (%2) in the inbox (INBOX) will be deleted from the server. Mail in the other folders is kept. This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fumibako::MailboxTableModel</name>
    <message>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>Junk mail</source>
        <translation>Junk mail</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A system folder: its name in the console&apos;s language, then the name mail programs see.</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unread</source>
        <translation>
            <numerusform>%Ln unread</numerusform>
            <numerusform>%Ln unread</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 bytes</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Used space</source>
        <translation>Used space</translation>
    </message>
</context>
<context>
    <name>fumibako::MainWindow</name>
    <message>
        <source>Fumibako Mail Server</source>
        <translation>Fumibako Mail Server</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Start Server</source>
        <translation>&amp;Start Server</translation>
    </message>
    <message>
        <source>S&amp;top Server</source>
        <translation>S&amp;top Server</translation>
    </message>
    <message>
        <source>&amp;Restart Server</source>
        <translation>&amp;Restart Server</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Fumibako</source>
        <translation>&amp;About Fumibako</translation>
    </message>
    <message>
        <source>&amp;Open Console</source>
        <translation>&amp;Open Console</translation>
    </message>
    <message>
        <source>Server: running</source>
        <translation>Server: running</translation>
    </message>
    <message>
        <source>Server: starting…</source>
        <translation>Server: starting…</translation>
    </message>
    <message>
        <source>Server: stopping…</source>
        <translation>Server: stopping…</translation>
    </message>
    <message>
        <source>Server: stopped</source>
        <translation>Server: stopped</translation>
    </message>
    <message>
        <source>Server: could not start</source>
        <translation>Server: could not start</translation>
    </message>
    <message>
        <source>Fumibako keeps running</source>
        <translation>Fumibako keeps running</translation>
    </message>
    <message>
        <source>The mail server keeps running in the background. To quit, use Quit in the tray icon&apos;s menu.</source>
        <translation>The mail server keeps running in the background. To quit, use Quit in the tray icon&apos;s menu.</translation>
    </message>
    <message>
        <source>Quit Fumibako</source>
        <translation>Quit Fumibako</translation>
    </message>
    <message>
        <source>Closing the console stops the mail server: mail can no longer be received or sent until it is started again. Quit?</source>
        <translation>Closing the console stops the mail server: mail can no longer be received or sent until it is started again. Quit?</translation>
    </message>
    <message>
        <source>Stop and Quit</source>
        <translation>Stop and Quit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stopping the mail server…</source>
        <translation>Stopping the mail server…</translation>
    </message>
    <message>
        <source>About Fumibako</source>
        <translation>About Fumibako</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fumibako %1&lt;/h3&gt;&lt;p&gt;A mail server for small companies.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Fumibako %1&lt;/h3&gt;&lt;p&gt;A mail server for small companies.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restart needed for setting changes</source>
        <translation>Restart needed for setting changes</translation>
    </message>
    <message>
        <source>Waiting for a restart of the mail server: %1. Click to open Settings.</source>
        <translation>Waiting for a restart of the mail server: %1. Click to open Settings.</translation>
    </message>
</context>
<context>
    <name>fumibako::MessagePreviewPane</name>
    <message>
        <source>%1 %2</source>
        <extracomment>Two sentences in a row: English puts a space between them, Japanese does not.</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(no subject)</translation>
    </message>
    <message>
        <source> (Cc: %1)</source>
        <translation> (Cc: %1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>An attachment: its file name (or type), then its size.</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>This message has only an HTML version. It is shown as plain text: no pictures are loaded and no links can be opened.</source>
        <translation>This message has only an HTML version. It is shown as plain text: no pictures are loaded and no links can be opened.</translation>
    </message>
    <message>
        <source>Attachments are never opened here.</source>
        <translation>Attachments are never opened here.</translation>
    </message>
    <message>
        <source>The text is long; only its beginning is shown.</source>
        <translation>The text is long; only its beginning is shown.</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(no text)</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Subject:</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>Attachments:</translation>
    </message>
</context>
<context>
    <name>fumibako::PasswordDialog</name>
    <message>
        <source>Reset Password</source>
        <translation>Reset Password</translation>
    </message>
    <message>
        <source>Set a new password for %1.</source>
        <translation>Set a new password for %1.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <source>At least %1 characters. The old password stops working at once; mail programs using it must be given the new one.</source>
        <translation>At least %1 characters. The old password stops working at once; mail programs using it must be given the new one.</translation>
    </message>
    <message>
        <source>&amp;Reset Password</source>
        <translation>&amp;Reset Password</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Con&amp;firm new password:</source>
        <translation>Con&amp;firm new password:</translation>
    </message>
</context>
<context>
    <name>fumibako::PortsPage</name>
    <message>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <source>The port numbers on which the server receives mail and connections from mail programs.</source>
        <translation>The port numbers on which the server receives mail and connections from mail programs.</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Port %1 is used twice (%2 and %3). Give each service its own port.</source>
        <translation>Port %1 is used twice (%2 and %3). Give each service its own port.</translation>
    </message>
    <message>
        <source>The defaults work without administrator rights. The standard ports (25, 587, 465, 110, 995, 143, 993) can be set later under Settings when the server runs as a system service.</source>
        <translation>The defaults work without administrator rights. The standard ports (25, 587, 465, 110, 995, 143, 993) can be set later under Settings when the server runs as a system service.</translation>
    </message>
</context>
<context>
    <name>fumibako::QuarantinePage</name>
    <message>
        <source>Mail held as spam or by the spam filters, for every account. Check why a message was held and what it says, then release wanted mail to the recipient&apos;s inbox or delete it. Held mail is deleted automatically after the retention period.</source>
        <translation>Mail held as spam or by the spam filters, for every account. Check why a message was held and what it says, then release wanted mail to the recipient&apos;s inbox or delete it. Held mail is deleted automatically after the retention period.</translation>
    </message>
    <message>
        <source>Search sender, subject or recipient</source>
        <translation>Search sender, subject or recipient</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>All accounts</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>Rea&amp;son:</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>All reasons</translation>
    </message>
    <message>
        <source>Received &amp;between</source>
        <translation>Received &amp;between</translation>
    </message>
    <message>
        <source>No mail is held.
Spam and mail caught by the spam filters appear here until they are released, deleted or expire.</source>
        <translation>No mail is held.
Spam and mail caught by the spam filters appear here until they are released, deleted or expire.</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>&amp;Release to Inbox</source>
        <translation>&amp;Release to Inbox</translation>
    </message>
    <message>
        <source>Put the selected messages into their recipients&apos; inboxes, unchanged.</source>
        <translation>Put the selected messages into their recipients&apos; inboxes, unchanged.</translation>
    </message>
    <message>
        <source>Release &amp;&amp; &amp;Allow Sender</source>
        <translation>Release &amp;&amp; &amp;Allow Sender</translation>
    </message>
    <message>
        <source>Release the selected messages and add their senders to the recipient&apos;s allow list, so their mail is no longer held.</source>
        <translation>Release the selected messages and add their senders to the recipient&apos;s allow list, so their mail is no longer held.</translation>
    </message>
    <message>
        <source>&amp;Block Sender</source>
        <translation>&amp;Block Sender</translation>
    </message>
    <message>
        <source>Add the senders of the selected messages to the recipient&apos;s deny list. The held messages stay here.</source>
        <translation>Add the senders of the selected messages to the recipient&apos;s deny list. The held messages stay here.</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>De&amp;lete…</translation>
    </message>
    <message>
        <source>Delete the selected messages for good. They are not delivered.</source>
        <translation>Delete the selected messages for good. They are not delivered.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) held</source>
        <translation>
            <numerusform>%n message held</numerusform>
            <numerusform>%n messages held</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n message(s) shown</source>
        <translation>
            <numerusform>%1 of %n message shown</numerusform>
            <numerusform>%1 of %n messages shown</numerusform>
        </translation>
    </message>
    <message>
        <source>The database is busy or cannot be opened right now. The list will be read again in a moment.</source>
        <translation>The database is busy or cannot be opened right now. The list will be read again in a moment.</translation>
    </message>
    <message>
        <source>The list of held mail could not be read.</source>
        <translation>The list of held mail could not be read.</translation>
    </message>
    <message>
        <source>Select a message to see its contents here.</source>
        <translation>Select a message to see its contents here.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) selected.</source>
        <translation>
            <numerusform>%n message selected.</numerusform>
            <numerusform>%n messages selected.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>This message is no longer held.</source>
        <translation>This message is no longer held.</translation>
    </message>
    <message>
        <source>This message could not be read.</source>
        <translation>This message could not be read.</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(no subject)</translation>
    </message>
    <message>
        <source>Score %1: %2</source>
        <translation>Score %1: %2</translation>
    </message>
    <message>
        <source>Delete this message from the quarantine?

From: %1
Subject: %2

It is not delivered to %3. This cannot be undone.</source>
        <translation>Delete this message from the quarantine?

From: %1
Subject: %2

It is not delivered to %3. This cannot be undone.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s) from the quarantine?

They are not delivered to their recipients. This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n message from the quarantine?

They are not delivered to their recipients. This cannot be undone.</numerusform>
            <numerusform>Delete %n messages from the quarantine?

They are not delivered to their recipients. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Held Mail</source>
        <translation>Delete Held Mail</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message numerus="yes">
        <source>Releasing %n message(s)…</source>
        <translation>
            <numerusform>Releasing %n message…</numerusform>
            <numerusform>Releasing %n messages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n message(s)…</source>
        <translation>
            <numerusform>Deleting %n message…</numerusform>
            <numerusform>Deleting %n messages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding the senders of %n message(s) to the deny list…</source>
        <translation>
            <numerusform>Adding the senders of %n message to the deny list…</numerusform>
            <numerusform>Adding the senders of %n messages to the deny list…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Held Mail</source>
        <translation>Held Mail</translation>
    </message>
    <message>
        <source>the database was busy; try again in a moment</source>
        <translation>the database was busy; try again in a moment</translation>
    </message>
    <message>
        <source>the message has no sender address to add to a list</source>
        <translation>the message has no sender address to add to a list</translation>
    </message>
    <message>
        <source>the list of %1 is full (at most 100 entries)</source>
        <translation>the list of %1 is full (at most 100 entries)</translation>
    </message>
    <message>
        <source>the sender&apos;s address cannot be added to a list</source>
        <translation>the sender&apos;s address cannot be added to a list</translation>
    </message>
    <message>
        <source>it is no longer held (released or deleted meanwhile)</source>
        <translation>it is no longer held (released or deleted meanwhile)</translation>
    </message>
    <message>
        <source>the mailbox of %1 is full</source>
        <translation>the mailbox of %1 is full</translation>
    </message>
    <message>
        <source>it could not be released</source>
        <translation>it could not be released</translation>
    </message>
    <message>
        <source>it could not be deleted</source>
        <translation>it could not be deleted</translation>
    </message>
    <message>
        <source>the sender could not be added to the deny list</source>
        <translation>the sender could not be added to the deny list</translation>
    </message>
    <message>
        <source>%1 (from %2): %3</source>
        <extracomment>One failed message: its subject, its sender, why it failed.</extracomment>
        <translation>%1 (from %2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) released to the inbox.</source>
        <translation>
            <numerusform>%n message released to the inbox.</numerusform>
            <numerusform>%n messages released to the inbox.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) released and their senders allowed.</source>
        <translation>
            <numerusform>%n message released and its sender allowed.</numerusform>
            <numerusform>%n messages released and their senders allowed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>%n message deleted.</numerusform>
            <numerusform>%n messages deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The senders of %n message(s) were added to the deny list.</source>
        <translation>
            <numerusform>The sender of %n message was added to the deny list.</numerusform>
            <numerusform>The senders of %n messages were added to the deny list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n message(s) were not processed.</source>
        <translation>
            <numerusform>Stopped: %n message was not processed.</numerusform>
            <numerusform>Stopped: %n messages were not processed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) failed.</source>
        <translation>
            <numerusform>%n message failed.</numerusform>
            <numerusform>%n messages failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) could not be processed:</source>
        <translation>
            <numerusform>%n message could not be processed:</numerusform>
            <numerusform>%n messages could not be processed:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more (see Details)</source>
        <translation>
            <numerusform>and %n more (see Details)</numerusform>
            <numerusform>and %n more (see Details)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the sender gives an address of this server&apos;s own domain that is no account here</source>
        <translation>%1: the sender gives an address of this server&apos;s own domain that is no account here</translation>
    </message>
</context>
<context>
    <name>fumibako::QuarantineTableModel</name>
    <message>
        <source>Spam score</source>
        <extracomment>Why a message was held: SpamAssassin scored it at or over the threshold.</extracomment>
        <translation>Spam score</translation>
    </message>
    <message>
        <source>Spam filter</source>
        <extracomment>Why a message was held: an entry of a deny list (迷惑メールフィルタ) matched.</extracomment>
        <translation>Spam filter</translation>
    </message>
    <message>
        <source>Language filter</source>
        <extracomment>Why a message was held: the language filter (by charset or half-width subject).</extracomment>
        <translation>Language filter</translation>
    </message>
    <message>
        <source>Spoofed sender</source>
        <extracomment>Why a message was held: the sender claims our own domain but is no account here.</extracomment>
        <translation>Spoofed sender</translation>
    </message>
    <message>
        <source>Virus</source>
        <translation>Virus</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>Reason column: the kind of rule, then what matched.</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(no sender)</source>
        <extracomment>The envelope sender of a delivery report is empty (&lt;&gt;).</extracomment>
        <translation>(no sender)</translation>
    </message>
    <message>
        <source>%1 (to %2)</source>
        <translation>%1 (to %2)</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <extracomment>A held message without a subject.</extracomment>
        <translation>(no subject)</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>Rules: %1</source>
        <translation>Rules: %1</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Size: %1</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>%1 – %2: %3 (common filter)</source>
        <extracomment>A filter entry of the common filter: its list, field and value.</extracomment>
        <translation>%1 – %2: %3 (common filter)</translation>
    </message>
    <message>
        <source>%1 – %2: %3</source>
        <extracomment>A filter entry of the account&apos;s own filter: its list, field and value.</extracomment>
        <translation>%1 – %2: %3</translation>
    </message>
</context>
<context>
    <name>fumibako::QueuePage</name>
    <message>
        <source>Mail to other servers waits here until the receiving server accepts it. Mail that could not be delivered is retried automatically; after the retry period it is returned to the sender.</source>
        <translation>Mail to other servers waits here until the receiving server accepts it. Mail that could not be delivered is retried automatically; after the retry period it is returned to the sender.</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;State:</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Destination &amp;domain:</source>
        <translation>Destination &amp;domain:</translation>
    </message>
    <message>
        <source>All domains</source>
        <translation>All domains</translation>
    </message>
    <message>
        <source>The send queue is empty.
All mail to other servers has been sent.</source>
        <translation>The send queue is empty.
All mail to other servers has been sent.</translation>
    </message>
    <message>
        <source>&amp;Retry Now</source>
        <translation>&amp;Retry Now</translation>
    </message>
    <message>
        <source>Try to send the selected message again now, without waiting for the next scheduled retry.</source>
        <translation>Try to send the selected message again now, without waiting for the next scheduled retry.</translation>
    </message>
    <message>
        <source>Show &amp;Headers</source>
        <translation>Show &amp;Headers</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>De&amp;lete…</translation>
    </message>
    <message>
        <source>Delete the selected message from the queue. It is not sent and not returned.</source>
        <translation>Delete the selected message from the queue. It is not sent and not returned.</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n recipient(s) shown</source>
        <translation>
            <numerusform>%1 of %n recipient shown</numerusform>
            <numerusform>%1 of %n recipients shown</numerusform>
        </translation>
    </message>
    <message>
        <source>The message is being sent again now.</source>
        <translation>The message is being sent again now.</translation>
    </message>
    <message>
        <source>The message will be sent when the mail server is started.</source>
        <translation>The message will be sent when the mail server is started.</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete from the Send Queue</source>
        <translation>Delete from the Send Queue</translation>
    </message>
    <message>
        <source>Delete this message from the send queue?

From: %1
To:
%2

The message is not sent to anyone listed and is not returned to the sender. This cannot be undone.</source>
        <translation>Delete this message from the send queue?

From: %1
To:
%2

The message is not sent to anyone listed and is not returned to the sender. This cannot be undone.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>The message was deleted from the send queue.</source>
        <translation>The message was deleted from the send queue.</translation>
    </message>
    <message>
        <source>Message Headers</source>
        <translation>Message Headers</translation>
    </message>
</context>
<context>
    <name>fumibako::QueueTableModel</name>
    <message>
        <source>Not sent yet</source>
        <extracomment>Queue state: accepted, not tried yet.</extracomment>
        <translation>Not sent yet</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <extracomment>Queue state: a try failed for now; it is tried again later.</extracomment>
        <translation>Waiting to retry</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Returned</source>
        <extracomment>Queue state: refused for good; a report goes back to the sender.</extracomment>
        <translation>Returned</translation>
    </message>
    <message>
        <source>(delivery report, no sender)</source>
        <extracomment>The envelope sender of a delivery report is empty (&lt;&gt;).</extracomment>
        <translation>(delivery report, no sender)</translation>
    </message>
    <message>
        <source>Soon</source>
        <extracomment>Next retry: the message is due now and goes out at the next scan.</extracomment>
        <translation>Soon</translation>
    </message>
    <message>
        <source>(not tried yet)</source>
        <translation>(not tried yet)</translation>
    </message>
    <message>
        <source>Accepted: %1 (%2)</source>
        <translation>Accepted: %1 (%2)</translation>
    </message>
    <message>
        <source>Last try: %1</source>
        <translation>Last try: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>Reply: %1</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>Next retry</translation>
    </message>
    <message>
        <source>Last reply</source>
        <translation>Last reply</translation>
    </message>
    <message>
        <source>Accepted by the receiving server</source>
        <translation>Accepted by the receiving server</translation>
    </message>
    <message>
        <source>The receiving server asked to try again later</source>
        <translation>The receiving server asked to try again later</translation>
    </message>
    <message>
        <source>Refused by the receiving server</source>
        <translation>Refused by the receiving server</translation>
    </message>
    <message>
        <source>The mail server of the destination could not be found</source>
        <translation>The mail server of the destination could not be found</translation>
    </message>
    <message>
        <source>A secure (TLS) connection could not be made</source>
        <translation>A secure (TLS) connection could not be made</translation>
    </message>
    <message>
        <source>Could not connect to the receiving server</source>
        <translation>Could not connect to the receiving server</translation>
    </message>
    <message>
        <source>Sending failed for now</source>
        <translation>Sending failed for now</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>Last reply column: what the reply means, then the reply as the server sent it.</extracomment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>fumibako::SettingsPage</name>
    <message>
        <source>Choose the Certificate File</source>
        <translation>Choose the Certificate File</translation>
    </message>
    <message>
        <source>Choose the Private Key File</source>
        <translation>Choose the Private Key File</translation>
    </message>
    <message>
        <source>&amp;Restart Server</source>
        <translation>&amp;Restart Server</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>&amp;Host name:</source>
        <translation>&amp;Host name:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Maximum r&amp;ecipients per message:</source>
        <translation>Maximum r&amp;ecipients per message:</translation>
    </message>
    <message>
        <source>&amp;Save Settings</source>
        <translation>&amp;Save Settings</translation>
    </message>
    <message>
        <source>&amp;Undo Changes</source>
        <translation>&amp;Undo Changes</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS certificate</translation>
    </message>
    <message>
        <source>Current certificate:</source>
        <translation>Current certificate:</translation>
    </message>
    <message>
        <source>&amp;Certificate (PEM):</source>
        <translation>&amp;Certificate (PEM):</translation>
    </message>
    <message>
        <source>Private &amp;key (PEM):</source>
        <translation>Private &amp;key (PEM):</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Import Certificate</source>
        <translation>&amp;Import Certificate</translation>
    </message>
    <message>
        <source>(shown while the server is running)</source>
        <translation>(shown while the server is running)</translation>
    </message>
    <message>
        <source>%1, valid until %2</source>
        <translation>%1, valid until %2</translation>
    </message>
    <message>
        <source>Port %1 is used twice (%2 and %3). Give each service its own port.</source>
        <translation>Port %1 is used twice (%2 and %3). Give each service its own port.</translation>
    </message>
    <message>
        <source>Enter the host name of this server.</source>
        <translation>Enter the host name of this server.</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM files (*.pem *.crt *.cer *.key);;All files (*)</translation>
    </message>
    <message>
        <source>Choose both the certificate file and the private key file.</source>
        <translation>Choose both the certificate file and the private key file.</translation>
    </message>
    <message>
        <source>The file %1 could not be read.</source>
        <translation>The file %1 could not be read.</translation>
    </message>
    <message>
        <source>The certificate has been imported. Restart the server to use it.</source>
        <translation>The certificate has been imported. Restart the server to use it.</translation>
    </message>
    <message>
        <source>Maximum message si&amp;ze:</source>
        <translation>Maximum message si&amp;ze:</translation>
    </message>
    <message>
        <source>Br&amp;owse…</source>
        <translation>Br&amp;owse…</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>Takes effect after a restart.</translation>
    </message>
    <message>
        <source>The size and recipient limits apply at once to new connections.</source>
        <translation>The size and recipient limits apply at once to new connections.</translation>
    </message>
    <message>
        <source>The settings have been saved. The server uses them when it starts.</source>
        <translation>The settings have been saved. The server uses them when it starts.</translation>
    </message>
    <message>
        <source>Settings marked &quot;Takes effect after a restart&quot; are used once the mail server is restarted; the others apply to new connections as soon as they are saved.</source>
        <translation>Settings marked &quot;Takes effect after a restart&quot; are used once the mail server is restarted; the others apply to new connections as soon as they are saved.</translation>
    </message>
    <message>
        <source>Waiting for a restart of the mail server: %1</source>
        <translation>Waiting for a restart of the mail server: %1</translation>
    </message>
    <message>
        <source>These changes are saved; the server uses them once it is restarted. Restarting ends the connections under way; mail programs reconnect by themselves.</source>
        <translation>These changes are saved; the server uses them once it is restarted. Restarting ends the connections under way; mail programs reconnect by themselves.</translation>
    </message>
    <message>
        <source>Changed outside this console and already in effect for new connections: %1.</source>
        <translation>Changed outside this console and already in effect for new connections: %1.</translation>
    </message>
    <message>
        <source>The settings have been saved; none of them had changed.</source>
        <translation>The settings have been saved; none of them had changed.</translation>
    </message>
    <message>
        <source>The settings have been saved.</source>
        <translation>The settings have been saved.</translation>
    </message>
    <message>
        <source>Already in effect for new connections: %1.</source>
        <translation>Already in effect for new connections: %1.</translation>
    </message>
    <message>
        <source>Takes effect after the server is restarted: %1.</source>
        <translation>Takes effect after the server is restarted: %1.</translation>
    </message>
</context>
<context>
    <name>fumibako::SetupWizard</name>
    <message>
        <source>Fumibako Setup</source>
        <translation>Fumibako Setup</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>fumibako::SmarthostPage</name>
    <message>
        <source>Mail to other companies can be sent through your provider&apos;s mail server (a &quot;smarthost&quot;) instead of directly. Leave the server name empty to send directly.</source>
        <translation>Mail to other companies can be sent through your provider&apos;s mail server (a &quot;smarthost&quot;) instead of directly. Leave the server name empty to send directly.</translation>
    </message>
    <message>
        <source>Many Internet providers block outgoing port 25 (&quot;OP25B&quot;), so mail sent directly does not arrive. If yours does, enter your provider&apos;s submission server (port 587 or 465) with the user name and password from your provider.</source>
        <translation>Many Internet providers block outgoing port 25 (&quot;OP25B&quot;), so mail sent directly does not arrive. If yours does, enter your provider&apos;s submission server (port 587 or 465) with the user name and password from your provider.</translation>
    </message>
    <message>
        <source>Sending server (smarthost)</source>
        <translation>Sending server (smarthost)</translation>
    </message>
    <message>
        <source>Server &amp;name:</source>
        <translation>Server &amp;name:</translation>
    </message>
    <message>
        <source>e.g. smtp.example.ne.jp (empty: send directly)</source>
        <translation>e.g. smtp.example.ne.jp (empty: send directly)</translation>
    </message>
    <message>
        <source>&amp;Security:</source>
        <translation>&amp;Security:</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS (port 465)</translation>
    </message>
    <message>
        <source>None (only for a server on this network)</source>
        <translation>None (only for a server on this network)</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Usually 587 (STARTTLS) or 465 (SSL/TLS).</source>
        <translation>Usually 587 (STARTTLS) or 465 (SSL/TLS).</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>empty: no sign-in</source>
        <translation>empty: no sign-in</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>(saved; enter only to change it)</source>
        <translation>(saved; enter only to change it)</translation>
    </message>
    <message>
        <source>The password is kept in the system&apos;s password store (keychain), not in Fumibako&apos;s data folder.</source>
        <translation>The password is kept in the system&apos;s password store (keychain), not in Fumibako&apos;s data folder.</translation>
    </message>
    <message>
        <source>No password store (keychain) is available on this computer; the password cannot be saved.</source>
        <translation>No password store (keychain) is available on this computer; the password cannot be saved.</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Test Connection</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Undo Changes</source>
        <translation>&amp;Undo Changes</translation>
    </message>
    <message>
        <source>&amp;Restart Server</source>
        <translation>&amp;Restart Server</translation>
    </message>
    <message>
        <source>Enter only the server&apos;s name, e.g. smtp.example.ne.jp (no &quot;smtp://&quot;, no mail address).</source>
        <translation>Enter only the server&apos;s name, e.g. smtp.example.ne.jp (no &quot;smtp://&quot;, no mail address).</translation>
    </message>
    <message>
        <source>Enter the user name that goes with the password.</source>
        <translation>Enter the user name that goes with the password.</translation>
    </message>
    <message>
        <source>The settings were saved, but the password could not be stored in the system&apos;s password store.</source>
        <translation>The settings were saved, but the password could not be stored in the system&apos;s password store.</translation>
    </message>
    <message>
        <source>Saved. Restart the server to send through the new settings.</source>
        <translation>Saved. Restart the server to send through the new settings.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Enter the server name first.</source>
        <translation>Enter the server name first.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>Connected successfully.
Server&apos;s reply: %1</source>
        <translation>Connected successfully.
Server&apos;s reply: %1</translation>
    </message>
    <message>
        <source>Connected and signed in successfully.
Server&apos;s reply: %1</source>
        <translation>Connected and signed in successfully.
Server&apos;s reply: %1</translation>
    </message>
    <message>
        <source>Could not connect. Check the server name, the port and the security setting.
Details: %1</source>
        <translation>Could not connect. Check the server name, the port and the security setting.
Details: %1</translation>
    </message>
    <message>
        <source>The server refused.
Server&apos;s reply: %1</source>
        <translation>The server refused.
Server&apos;s reply: %1</translation>
    </message>
    <message>
        <source>The system&apos;s password store (keychain) cannot be reached right now, so a saved password cannot be read and a new one may not be saved.</source>
        <translation>The system&apos;s password store (keychain) cannot be reached right now, so a saved password cannot be read and a new one may not be saved.</translation>
    </message>
    <message>
        <source>Changes to the sending server take effect after the mail server is restarted.</source>
        <translation>Changes to the sending server take effect after the mail server is restarted.</translation>
    </message>
</context>
<context>
    <name>fumibako::SummaryPage</name>
    <message>
        <source>Ready to set up</source>
        <translation>Ready to set up</translation>
    </message>
    <message>
        <source>Check the settings below, then click Finish.</source>
        <translation>Check the settings below, then click Finish.</translation>
    </message>
    <message>
        <source>Setting up the mail server (creating the database, the TLS certificate and the administrator account). This takes a few seconds…</source>
        <translation>Setting up the mail server (creating the database, the TLS certificate and the administrator account). This takes a few seconds…</translation>
    </message>
    <message>
        <source>(this computer&apos;s name)</source>
        <translation>(this computer&apos;s name)</translation>
    </message>
    <message>
        <source>Mail domain:</source>
        <translation>Mail domain:</translation>
    </message>
    <message>
        <source>Host name:</source>
        <translation>Host name:</translation>
    </message>
    <message>
        <source>Administrator:</source>
        <translation>Administrator:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>Ports:</source>
        <translation>Ports:</translation>
    </message>
</context>
</TS>
