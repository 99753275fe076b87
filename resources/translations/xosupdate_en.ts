<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>InstallDialog</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/install.py" line="294"/>
        <source>%n package(s) will be installed</source>
        <translation>
            <numerusform>%n package will be installed</numerusform>
            <numerusform>%n packages will be installed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/install.py" line="305"/>
        <source>&lt;b&gt;From a testing medium:&lt;/b&gt; %n package(s). They are not supported and may break your system.</source>
        <translation>
            <numerusform>&lt;b&gt;From a testing medium:&lt;/b&gt; %n package. It is not supported and may break your system.</numerusform>
            <numerusform>&lt;b&gt;From a testing medium:&lt;/b&gt; %n packages. They are not supported and may break your system.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/install.py" line="394"/>
        <source>%n package(s) were installed.</source>
        <translation>
            <numerusform>%n package was installed.</numerusform>
            <numerusform>%n packages were installed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="665"/>
        <source>{0}; %n more held back by /etc/urpmi/skip.list: {1}</source>
        <extracomment>{0}: &quot;5 updates available: 2 security&quot;, {1}: package names.</extracomment>
        <translation>
            <numerusform>{0}; %n more held back by /etc/urpmi/skip.list: {1}</numerusform>
            <numerusform>{0}; %n more held back by /etc/urpmi/skip.list: {1}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="669"/>
        <source>%n update(s) held back by /etc/urpmi/skip.list: {0}.</source>
        <translation>
            <numerusform>%n update held back by /etc/urpmi/skip.list: {0}.</numerusform>
            <numerusform>%n updates held back by /etc/urpmi/skip.list: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="809"/>
        <location filename="../../ui/mainwindow.py" line="960"/>
        <source>Install %n selected (%1)</source>
        <extracomment>A button. %1: the download size.</extracomment>
        <translation>
            <numerusform>Install %n selected (%1)</numerusform>
            <numerusform>Install %n selected (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="811"/>
        <source>%n package(s) will be installed, %1 to download.</source>
        <translation>
            <numerusform>%n package will be installed, %1 to download.</numerusform>
            <numerusform>%n packages will be installed, %1 to download.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="877"/>
        <source>%n package(s) installed from testing.</source>
        <translation>
            <numerusform>%n package installed from testing.</numerusform>
            <numerusform>%n packages installed from testing.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="950"/>
        <source>{0}: %n package(s).</source>
        <translation>
            <numerusform>{0}: %n package.</numerusform>
            <numerusform>{0}: %n packages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="1011"/>
        <source>&lt;b&gt;%n installed package(s)&lt;/b&gt; on {0} ({1})&lt;br&gt;{2}</source>
        <translation>
            <numerusform>&lt;b&gt;%n installed package&lt;/b&gt; on {0} ({1})&lt;br&gt;{2}</numerusform>
            <numerusform>&lt;b&gt;%n installed packages&lt;/b&gt; on {0} ({1})&lt;br&gt;{2}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="1035"/>
        <source>Wrote {0} (%n package(s)).</source>
        <translation>
            <numerusform>Wrote {0} (%n package).</numerusform>
            <numerusform>Wrote {0} (%n packages).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotifierPresenter</name>
    <message numerus="yes">
        <location filename="../../ui/presenters/notifier.py" line="363"/>
        <source>The last %n check(s) failed: {0}</source>
        <translation>
            <numerusform>The last check failed: {0}</numerusform>
            <numerusform>The last %n checks failed: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefreshModel</name>
    <message numerus="yes">
        <location filename="../../ui/models/refresh.py" line="158"/>
        <source>Updated: %n package(s)</source>
        <translation>
            <numerusform>Updated: %n package</numerusform>
            <numerusform>Updated: %n packages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefreshPanel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/refreshpanel.py" line="138"/>
        <source>&lt;b&gt;Refresh done: %n medium/media could not be refreshed&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;Refresh done: %n medium could not be refreshed&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;Refresh done: %n media could not be refreshed&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransactionPresenter</name>
    <message numerus="yes">
        <location filename="../../ui/presenters/transaction.py" line="175"/>
        <source>Installing %n package(s)…</source>
        <translation>
            <numerusform>Installing %n package…</numerusform>
            <numerusform>Installing %n packages…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wording</name>
    <message numerus="yes">
        <location filename="../../ui/wording.py" line="197"/>
        <source>%n update(s) available</source>
        <translation>
            <numerusform>%n update available</numerusform>
            <numerusform>%n updates available</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/wording.py" line="200"/>
        <source>%n security</source>
        <translation>
            <numerusform>%n security</numerusform>
            <numerusform>%n security</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/wording.py" line="202"/>
        <source>%n bug fix(es)</source>
        <translation>
            <numerusform>%n bug fix</numerusform>
            <numerusform>%n bug fixes</numerusform>
        </translation>
    </message>
</context>
</TS>
