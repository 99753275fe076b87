<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../ui/models/audit.py" line="56"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="57"/>
        <source>Arch</source>
        <translation>Arch.</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="58"/>
        <source>Installed</source>
        <translation>Version installée</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="59"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="60"/>
        <source>Best available</source>
        <translation>Meilleure version disponible</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="61"/>
        <source>From medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="62"/>
        <source>In testing</source>
        <translation>En test</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="63"/>
        <source>Advisory</source>
        <translation>Bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="64"/>
        <source>Installed on</source>
        <translation>Installé le</translation>
    </message>
</context>
<context>
    <name>AuditPresenter</name>
    <message>
        <location filename="../../ui/presenters/audit.py" line="67"/>
        <source>Auditing installed packages…</source>
        <translation>Audit des paquets installés…</translation>
    </message>
</context>
<context>
    <name>BrowsePresenter</name>
    <message>
        <location filename="../../ui/presenters/browse.py" line="68"/>
        <source>Reading {0}…</source>
        <translation>Lecture de {0}…</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../ui/widgets/details.py" line="54"/>
        <source>From a testing medium.</source>
        <translation>Provient d’un média de test.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="56"/>
        <source>This is a candidate for a future update, published for testing: it is not supported and may break your system.</source>
        <translation>Il s’agit d’une version candidate pour une future mise à jour, publiée pour être testée&#xa0;: elle n’est pas prise en charge et peut endommager votre système.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="76"/>
        <source>key {0}</source>
        <extracomment>{0}: an OpenPGP key id.</extracomment>
        <translation>clé {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="81"/>
        <source>the key of {0}</source>
        <translation>la clé de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="114"/>
        <source>not installed: a new package, needed by the update of {0}</source>
        <translation>non installé&#xa0;: nouveau paquet, requis par la mise à jour de {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="130"/>
        <source>advisory</source>
        <translation>bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="135"/>
        <source>(updated {0})</source>
        <extracomment>{0}: the advisory&apos;s date.</extracomment>
        <translation>(mis à jour le {0})</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="142"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="146"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="147"/>
        <location filename="../../ui/widgets/details.py" line="191"/>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="149"/>
        <source>Importance</source>
        <translation>Importance</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="152"/>
        <source>Advisory</source>
        <translation>Bulletin</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="153"/>
        <source>Reason for update</source>
        <translation>Raison de la mise à jour</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="155"/>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="158"/>
        <location filename="../../ui/widgets/details.py" line="192"/>
        <source>Download size</source>
        <translation>Taille à télécharger</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="160"/>
        <source>Installed size</source>
        <translation>Taille une fois installé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="163"/>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="164"/>
        <source>Required by</source>
        <translation>Requis par</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="165"/>
        <source>Replaces</source>
        <translation>Remplace</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="94"/>
        <source>Restart</source>
        <translation>Redémarrage</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="96"/>
        <source>{0}, once it is installed</source>
        <extracomment>{0}: &quot;the computer&quot;, &quot;your session&quot; or &quot;the sshd service&quot;.</extracomment>
        <translation>{0}, une fois le paquet installé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="171"/>
        <source>Cannot be installed:</source>
        <translation>Installation impossible&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="173"/>
        <source>nothing on the enabled media provides {0}.</source>
        <translation>aucun média activé ne fournit {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="186"/>
        <source>Standing</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="188"/>
        <source>Installed</source>
        <translation>Installé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="189"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/details.py" line="204"/>
        <source>Package details</source>
        <translation>Détails du paquet</translation>
    </message>
</context>
<context>
    <name>EnableTestingDialog</name>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="37"/>
        <source>Switch on {0}?</source>
        <translation>Activer {0}&#x202f;?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="45"/>
        <source>You will be asked for the administrator password. </source>
        <translation>Le mot de passe administrateur vous sera demandé. </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="50"/>
        <source>{0} is a testing medium.</source>
        <translation>{0} est un média de test.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="52"/>
        <source>It holds candidates for future updates, published so that testers can try them before everyone gets them. They are not supported and may break your system.</source>
        <translation>Il contient des versions candidates pour de futures mises à jour, publiées pour que des testeurs puissent les essayer avant tout le monde. Elles ne sont pas prises en charge et peuvent endommager votre système.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="56"/>
        <source>Once it is switched on:</source>
        <translation>Une fois qu’il est activé&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="58"/>
        <source>its updates are listed beside the others, under their own heading, and are never ticked for you;</source>
        <translation>ses mises à jour apparaissent à côté des autres, sous leur propre titre, et ne sont jamais cochées à votre place&#x202f;;</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="61"/>
        <source>a banner stays at the top of the window for as long as it is on.</source>
        <translation>un bandeau reste affiché en haut de la fenêtre tant qu’il est activé.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="62"/>
        <source>To go back:</source>
        <translation>Pour revenir en arrière&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="64"/>
        <source>switch it off again, then reinstall the Updates versions of the packages you installed from it.</source>
        <translation>désactivez-le, puis réinstallez la version «&#xa0;Mises à jour&#xa0;» des paquets que vous en avez installés.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="76"/>
        <source>I understand the risks</source>
        <translation>Je comprends les risques</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/testing.py" line="80"/>
        <source>Switch on</source>
        <translation>Activer</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/dialogs/errordialog.py" line="54"/>
        <source>Technical details</source>
        <translation>Détails techniques</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/errordialog.py" line="60"/>
        <location filename="../../ui/dialogs/errordialog.py" line="79"/>
        <source>Show details</source>
        <translation>Afficher les détails</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/errordialog.py" line="63"/>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/errordialog.py" line="79"/>
        <source>Hide details</source>
        <translation>Masquer les détails</translation>
    </message>
</context>
<context>
    <name>InstallDialog</name>
    <message>
        <location filename="../../ui/dialogs/install.py" line="84"/>
        <source>Install updates</source>
        <translation>Installer les mises à jour</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="113"/>
        <source>Checking what will be installed</source>
        <translation>Vérification de ce qui sera installé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="118"/>
        <source>The package manager works out which packages the selected updates need. Nothing is downloaded or changed yet. If you are asked for the administrator password, it is for this and the installation.</source>
        <translation>Le gestionnaire de paquets détermine les paquets dont les mises à jour sélectionnées ont besoin. Rien n’est encore téléchargé ni modifié. Si le mot de passe administrateur vous est demandé, c’est pour cette vérification et pour l’installation.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="128"/>
        <source>Checking</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="133"/>
        <location filename="../../ui/dialogs/install.py" line="175"/>
        <location filename="../../ui/dialogs/install.py" line="233"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="150"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="150"/>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="150"/>
        <source>Download</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="152"/>
        <source>Packages that will be installed</source>
        <translation>Paquets qui seront installés</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="171"/>
        <source>Install</source>
        <translation>Installer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="185"/>
        <source>Installing updates</source>
        <translation>Installation des mises à jour</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="192"/>
        <source>Choosing packages</source>
        <translation>Choix des paquets</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="193"/>
        <source>Downloading</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="194"/>
        <source>Checking signatures</source>
        <translation>Vérification des signatures</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="195"/>
        <source>Preparing</source>
        <translation>Préparation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="196"/>
        <source>Installing</source>
        <translation>Installation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="202"/>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="215"/>
        <source>Progress of the current step</source>
        <translation>Avancement de l’étape en cours</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="220"/>
        <location filename="../../ui/dialogs/install.py" line="475"/>
        <source>Show log</source>
        <translation>Afficher le journal</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="225"/>
        <source>Installation log</source>
        <translation>Journal de l’installation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="256"/>
        <source>Installed packages, or technical details</source>
        <translation>Paquets installés, ou détails techniques</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="259"/>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="264"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/install.py" line="294"/>
        <source>%n package(s) will be installed</source>
        <translation>
            <numerusform>%n paquet sera installé</numerusform>
            <numerusform>%n paquets seront installés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="296"/>
        <source>Dependencies the updates need are included. Download: {0}.</source>
        <translation>Les dépendances nécessaires aux mises à jour sont incluses. Téléchargement&#xa0;: {0}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/install.py" line="305"/>
        <source>&lt;b&gt;From a testing medium:&lt;/b&gt; %n package(s). They are not supported and may break your system.</source>
        <translation>
            <numerusform>&lt;b&gt;Depuis un média de test&#xa0;:&lt;/b&gt; %n paquet. Il n’est pas pris en charge et peut endommager votre système.</numerusform>
            <numerusform>&lt;b&gt;Depuis un média de test&#xa0;:&lt;/b&gt; %n paquets. Ils ne sont pas pris en charge et peuvent endommager votre système.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="324"/>
        <source>Nothing to install: the selected packages are already up to date.</source>
        <translation>Rien à installer&#xa0;: les paquets sélectionnés sont déjà à jour.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="341"/>
        <source>File {0}: {1} — {2} of {3}</source>
        <extracomment>{0}: which file (1, 2…), {1}: its name, {2} and {3}: sizes.</extracomment>
        <translation>Fichier {0}&#xa0;: {1} — {2} sur {3}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="351"/>
        <source>{0} ({1} of {2})</source>
        <extracomment>A package being installed, and how many of how many.</extracomment>
        <translation>{0} ({1} sur {2})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="361"/>
        <source>You can cancel while packages are downloading; nothing is changed then.</source>
        <translation>Vous pouvez annuler pendant le téléchargement des paquets&#x202f;; rien n’est alors modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="364"/>
        <source>The system is being changed: this step cannot be cancelled safely and finishes on its own.</source>
        <translation>Le système est en cours de modification&#xa0;: cette étape ne peut pas être annulée sans risque et se termine d’elle-même.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="377"/>
        <location filename="../../ui/dialogs/install.py" line="392"/>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="380"/>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/install.py" line="394"/>
        <source>%n package(s) were installed.</source>
        <translation>
            <numerusform>%n paquet a été installé.</numerusform>
            <numerusform>%n paquets ont été installés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="431"/>
        <source>Restart {0} to finish (asked for by {1}).</source>
        <extracomment>{0}: &quot;the computer&quot;, &quot;your session&quot; or &quot;the sshd service&quot;; {1}: packages.</extracomment>
        <translation>Redémarrez {0} pour terminer (à la demande de {1}).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="434"/>
        <source>Afterwards, restart {0} (asked for by {1}).</source>
        <extracomment>{0}: &quot;the computer&quot;, &quot;your session&quot; or &quot;the sshd service&quot;; {1}: packages.</extracomment>
        <translation>Ensuite, redémarrez {0} (à la demande de {1}).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="452"/>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="470"/>
        <source>Cancelling after the current file…</source>
        <translation>Annulation après le fichier en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/install.py" line="475"/>
        <source>Hide log</source>
        <translation>Masquer le journal</translation>
    </message>
</context>
<context>
    <name>MainPresenter</name>
    <message>
        <location filename="../../ui/presenters/main.py" line="127"/>
        <source>Another change of the system is under way; try again after it.</source>
        <translation>Une autre modification du système est en cours&#x202f;; réessayez quand elle sera terminée.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="122"/>
        <source>Software Updates</source>
        <translation>Mises à jour logicielles</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="134"/>
        <source>Software Updates — demo sandbox</source>
        <translation>Mises à jour logicielles — bac à sable de démonstration</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="167"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="173"/>
        <source>Download the media&apos;s package lists again and look for updates (F5)</source>
        <translation>Télécharger à nouveau les listes de paquets des médias et rechercher des mises à jour (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="176"/>
        <source>&amp;Mirrors…</source>
        <translation>&amp;Miroirs…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="178"/>
        <source>The chosen mirror and measured latencies</source>
        <translation>Le miroir choisi et les latences mesurées</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="180"/>
        <source>&amp;Install selected</source>
        <translation>&amp;Installer la sélection</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="186"/>
        <source>Select &amp;all</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="192"/>
        <source>Select &amp;none</source>
        <translation>Tout &amp;désélectionner</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="198"/>
        <source>&amp;Security updates only</source>
        <translation>Mises à jour de &amp;sécurité uniquement</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="204"/>
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="210"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="231"/>
        <source>&amp;File</source>
        <extracomment>Menus, tabs and the labels of this window: every &quot;&amp;&quot; letter must differ.</extracomment>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="236"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="242"/>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="244"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="246"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="253"/>
        <source>&amp;About xosupdate</source>
        <translation>À &amp;propos de xosupdate</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="268"/>
        <source>About xosupdate</source>
        <translation>À propos de xosupdate</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="270"/>
        <source>&lt;p&gt;&lt;b&gt;xosupdate {0}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Software updates for urpmi-based systems (XtreemOS 2.x, Mageia).&lt;/p&gt;&lt;p&gt;System root: {1}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;xosupdate {0}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Mises à jour logicielles pour les systèmes fondés sur urpmi (XtreemOS 2.x, Mageia).&lt;/p&gt;&lt;p&gt;Racine du système&#xa0;: {1}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="276"/>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="310"/>
        <source>&amp;Updates</source>
        <extracomment>The &quot;&amp;&quot; letters of the tabs are listed in the keyboard shortcuts window.</extracomment>
        <translation>&amp;Mises à jour</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="312"/>
        <source>&amp;Browse a medium</source>
        <translation>&amp;Parcourir un média</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="314"/>
        <source>&amp;Audit</source>
        <translation>A&amp;udit</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="326"/>
        <source>&lt;b&gt;Media&lt;/b&gt;</source>
        <translation>&lt;b&gt;Médias&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="330"/>
        <source>Media: tick to switch a medium on</source>
        <translation>Médias&#xa0;: cochez un média pour l’activer</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="339"/>
        <source>Tick a medium to switch it on. Testing media ask first.</source>
        <translation>Cochez un média pour l’activer. Pour un média de test, une confirmation est demandée.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="351"/>
        <source>Search name, summary or advisory (Ctrl+F)</source>
        <translation>Nom, résumé ou bulletin (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="352"/>
        <source>Search updates</source>
        <translation>Rechercher dans les mises à jour</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="357"/>
        <source>Importance filter</source>
        <translation>Filtre par importance</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="358"/>
        <source>All importances</source>
        <translation>Toutes les importances</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="366"/>
        <source>Medium filter</source>
        <translation>Filtre par média</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="367"/>
        <location filename="../../ui/mainwindow.py" line="740"/>
        <source>All media</source>
        <translation>Tous les médias</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="369"/>
        <source>&amp;Show updates from:</source>
        <translation>&amp;Source des mises à jour&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="373"/>
        <source>Show updates from</source>
        <translation>Source des mises à jour</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="376"/>
        <location filename="../../ui/mainwindow.py" line="745"/>
        <source>Enabled media</source>
        <translation>Médias activés</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="404"/>
        <source>Updates, grouped per medium</source>
        <translation>Mises à jour, regroupées par média</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="458"/>
        <source>&amp;Medium:</source>
        <translation>Méd&amp;ia&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="462"/>
        <source>Medium to browse</source>
        <translation>Média à parcourir</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="467"/>
        <source>Search name or summary</source>
        <translation>Rechercher un nom ou un résumé</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="468"/>
        <source>Search the medium</source>
        <translation>Rechercher dans le média</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="477"/>
        <source>Packages of the medium</source>
        <translation>Paquets du média</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="515"/>
        <source>The audit runs when this tab is first opened.</source>
        <translation>L’audit est lancé à la première ouverture de cet onglet.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="520"/>
        <source>Search packages, versions, media</source>
        <translation>Rechercher des paquets, versions, médias</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="521"/>
        <source>Search the audit</source>
        <translation>Rechercher dans l’audit</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="526"/>
        <source>Status filter</source>
        <translation>Filtre par état</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="527"/>
        <source>All statuses</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="533"/>
        <source>Run again</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="536"/>
        <source>E&amp;xport…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="541"/>
        <source>{0} file ({1})</source>
        <extracomment>{0}: a format (CSV, JSON, HTML), {1}: its file name suffix.</extracomment>
        <translation>Fichier {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="549"/>
        <source>Installed packages against the media</source>
        <translation>Paquets installés comparés aux médias</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="665"/>
        <source>{0}; %n more held back by /etc/urpmi/skip.list: {1}</source>
        <extracomment>{0}: &quot;5 updates available: 2 security&quot;, {1}: package names.</extracomment>
        <translation>
            <numerusform>{0}&#xa0;; %n autre retenue par /etc/urpmi/skip.list&#xa0;: {1}</numerusform>
            <numerusform>{0}&#xa0;; %n autres retenues par /etc/urpmi/skip.list&#xa0;: {1}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="669"/>
        <source>%n update(s) held back by /etc/urpmi/skip.list: {0}.</source>
        <translation>
            <numerusform>%n mise à jour retenue par /etc/urpmi/skip.list&#xa0;: {0}.</numerusform>
            <numerusform>%n mises à jour retenues par /etc/urpmi/skip.list&#xa0;: {0}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="689"/>
        <source>No update medium is switched on.</source>
        <translation>Aucun média de mises à jour n’est activé.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="691"/>
        <source>Security and bug-fix updates are not looked for.</source>
        <translation>Les mises à jour de sécurité et les corrections de bogues ne sont pas recherchées.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="693"/>
        <location filename="../../ui/mainwindow.py" line="1211"/>
        <source>Show the media</source>
        <translation>Afficher les médias</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="697"/>
        <source>Some media could not be read; the list shows the others.</source>
        <translation>Certains médias n’ont pas pu être lus&#x202f;; la liste affiche les autres.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="700"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="747"/>
        <source>Testing medium {0}</source>
        <translation>Média de test {0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="754"/>
        <location filename="../../ui/mainwindow.py" line="761"/>
        <source> (testing)</source>
        <translation> (test)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="809"/>
        <location filename="../../ui/mainwindow.py" line="960"/>
        <source>Install %n selected (%1)</source>
        <extracomment>A button. %1: the download size.</extracomment>
        <translation>
            <numerusform>Installer %n paquet sélectionné (%1)</numerusform>
            <numerusform>Installer les %n paquets sélectionnés (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="811"/>
        <source>%n package(s) will be installed, %1 to download.</source>
        <translation>
            <numerusform>%n paquet sera installé, %1 à télécharger.</numerusform>
            <numerusform>%n paquets seront installés, %1 à télécharger.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="824"/>
        <source>Afterwards, restart {0} (asked for by {1}).</source>
        <extracomment>{0}: &quot;the computer&quot;, &quot;your session&quot; or &quot;the sshd service&quot;; {1}: packages.</extracomment>
        <translation>Ensuite, redémarrez {0} (à la demande de {1}).</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="829"/>
        <location filename="../../ui/mainwindow.py" line="963"/>
        <source>Install selected</source>
        <translation>Installer la sélection</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="830"/>
        <source>Nothing selected.</source>
        <translation>Aucune sélection.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="845"/>
        <source>Switch {0} on to install from it.</source>
        <translation>Activez {0} pour installer depuis ce média.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="863"/>
        <source>&lt;b&gt;Testing enabled:&lt;/b&gt; {0}. Its packages are candidates for future updates: not supported, and they may break your system. Switch it off when you are done testing.</source>
        <translation>&lt;b&gt;Média de test activé&#xa0;:&lt;/b&gt; {0}. Ses paquets sont des versions candidates pour de futures mises à jour&#xa0;: non prises en charge, elles peuvent endommager votre système. Désactivez-le quand vous aurez fini vos tests.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="869"/>
        <source>Switch off {0}</source>
        <translation>Désactiver {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="877"/>
        <source>%n package(s) installed from testing.</source>
        <translation>
            <numerusform>%n paquet installé depuis le média de test.</numerusform>
            <numerusform>%n paquets installés depuis le média de test.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="878"/>
        <source>Show in the audit</source>
        <translation>Voir dans l’audit</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="913"/>
        <source>Select a package to see its details.</source>
        <translation>Sélectionnez un paquet pour en voir les détails.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="950"/>
        <source>{0}: %n package(s).</source>
        <translation>
            <numerusform>{0}&#xa0;: %n paquet.</numerusform>
            <numerusform>{0}&#xa0;: %n paquets.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="998"/>
        <source>{0}: {1}</source>
        <comment>an audit status: how many packages have it</comment>
        <translation>{0}&#xa0;: {1}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="1011"/>
        <source>&lt;b&gt;%n installed package(s)&lt;/b&gt; on {0} ({1})&lt;br&gt;{2}</source>
        <translation>
            <numerusform>&lt;b&gt;%n paquet installé&lt;/b&gt; sur {0} ({1})&lt;br&gt;{2}</numerusform>
            <numerusform>&lt;b&gt;%n paquets installés&lt;/b&gt; sur {0} ({1})&lt;br&gt;{2}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1027"/>
        <source>Export the audit</source>
        <translation>Exporter l’audit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mainwindow.py" line="1035"/>
        <source>Wrote {0} (%n package(s)).</source>
        <translation>
            <numerusform>{0} enregistré (%n paquet).</numerusform>
            <numerusform>{0} enregistré (%n paquets).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1053"/>
        <source>Refresh {0}</source>
        <translation>Actualiser {0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1055"/>
        <source>Browse {0}</source>
        <translation>Parcourir {0}</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1130"/>
        <source>Another change of the system is under way; try again after it.</source>
        <translation>Une autre modification du système est en cours&#x202f;; réessayez quand elle sera terminée.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1162"/>
        <source>&lt;b&gt;{0} was not installed:&lt;/b&gt; {1} It has been unticked; the other updates are still selected.</source>
        <translation>&lt;b&gt;{0} n’a pas été installé&#xa0;:&lt;/b&gt; {1} Il a été décoché&#x202f;; les autres mises à jour restent sélectionnées.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1165"/>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1206"/>
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1207"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="1297"/>
        <source>The system is being changed: close the window when it has finished.</source>
        <translation>Le système est en cours de modification&#xa0;: fermez la fenêtre une fois l’opération terminée.</translation>
    </message>
</context>
<context>
    <name>MediaModel</name>
    <message>
        <location filename="../../ui/models/media.py" line="48"/>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <location filename="../../ui/models/media.py" line="49"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/models/media.py" line="122"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../ui/models/media.py" line="123"/>
        <source>{0}
Source: {1}
Signing keys: {2}</source>
        <translation>{0}
Source&#xa0;: {1}
Clés de signature&#xa0;: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/models/media.py" line="134"/>
        <source>enabled</source>
        <translation>activé</translation>
    </message>
    <message>
        <location filename="../../ui/models/media.py" line="136"/>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location filename="../../ui/models/media.py" line="145"/>
        <source>switching on…</source>
        <translation>activation…</translation>
    </message>
    <message>
        <location filename="../../ui/models/media.py" line="147"/>
        <source>switching off…</source>
        <translation>désactivation…</translation>
    </message>
</context>
<context>
    <name>MirrorsDialog</name>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="35"/>
        <source>Mirrors</source>
        <translation>Miroirs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="45"/>
        <source>Mirrors, best first</source>
        <translation>Miroirs, du meilleur au moins bon</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="61"/>
        <source>&amp;Measure again</source>
        <translation>&amp;Mesurer à nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="62"/>
        <source>Probe every mirror now and rank them again</source>
        <translation>Sonder tous les miroirs maintenant et les classer à nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="97"/>
        <source>remembered from {0}</source>
        <translation>Liste mémorisée le {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="99"/>
        <source>fetched {0}</source>
        <translation>Liste récupérée le {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="102"/>
        <source>remembered from {0}; the list could not be fetched again</source>
        <translation>Liste mémorisée le {0}&#x202f;; elle n’a pas pu être récupérée à nouveau</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="106"/>
        <source>ranked by measured latency</source>
        <translation>classement par latence mesurée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="108"/>
        <source>ranked by distance (not measured)</source>
        <translation>classement par distance (sans mesure)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="111"/>
        <source>{0}, {1}.</source>
        <comment>where the mirror list comes from, how it is ranked</comment>
        <translation>{0}, {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="114"/>
        <source>Chosen mirror:</source>
        <translation>Miroir choisi&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="115"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/mirrors.py" line="116"/>
        <source>Mirror list: {0}</source>
        <translation>Liste des miroirs&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>MirrorsModel</name>
    <message>
        <location filename="../../ui/models/mirrors.py" line="42"/>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="43"/>
        <source>Mirror</source>
        <translation>Miroir</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="44"/>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="45"/>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="46"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="91"/>
        <source>{0} ms</source>
        <translation>{0} ms</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="98"/>
        <source>Failed: {0}</source>
        <translation>Échec&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="100"/>
        <source>Chosen</source>
        <translation>Choisi</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="102"/>
        <source>Usable</source>
        <translation>Utilisable</translation>
    </message>
    <message>
        <location filename="../../ui/models/mirrors.py" line="104"/>
        <source>Not measured</source>
        <translation>Non mesuré</translation>
    </message>
</context>
<context>
    <name>MirrorsPresenter</name>
    <message>
        <location filename="../../ui/presenters/mirrors.py" line="67"/>
        <source>Measuring the mirrors…</source>
        <translation>Mesure des miroirs…</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/mirrors.py" line="69"/>
        <source>Reading the mirrors…</source>
        <translation>Lecture des miroirs…</translation>
    </message>
</context>
<context>
    <name>NotifierPresenter</name>
    <message>
        <location filename="../../ui/presenters/notifier.py" line="180"/>
        <source>No update medium is switched on: security and bug-fix updates are not looked for.</source>
        <translation>Aucun média de mises à jour n’est activé&#xa0;: les mises à jour de sécurité et les corrections de bogues ne sont pas recherchées.</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/notifier.py" line="309"/>
        <source>{0}: no mirror answered</source>
        <extracomment>{0}: media names.</extracomment>
        <translation>{0}&#xa0;: aucun miroir n’a répondu</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/notifier.py" line="362"/>
        <source>Could not check for updates</source>
        <translation>Impossible de rechercher les mises à jour</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/presenters/notifier.py" line="363"/>
        <source>The last %n check(s) failed: {0}</source>
        <translation>
            <numerusform>%n vérification a échoué&#xa0;: {0}</numerusform>
            <numerusform>Les %n dernières vérifications ont échoué&#xa0;: {0}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/presenters/notifier.py" line="379"/>
        <source>Security updates available</source>
        <translation>Mises à jour de sécurité disponibles</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/notifier.py" line="381"/>
        <source>Updates available</source>
        <translation>Mises à jour disponibles</translation>
    </message>
</context>
<context>
    <name>PackagesModel</name>
    <message>
        <location filename="../../ui/models/packages.py" line="54"/>
        <source>Not installed</source>
        <translation>Non installé</translation>
    </message>
    <message>
        <location filename="../../ui/models/packages.py" line="55"/>
        <source>Newer than installed</source>
        <translation>Plus récent que la version installée</translation>
    </message>
    <message>
        <location filename="../../ui/models/packages.py" line="56"/>
        <location filename="../../ui/models/packages.py" line="74"/>
        <source>Installed</source>
        <translation>Installé</translation>
    </message>
    <message>
        <location filename="../../ui/models/packages.py" line="57"/>
        <source>Older than installed</source>
        <translation>Plus ancien que la version installée</translation>
    </message>
    <message>
        <location filename="../../ui/models/packages.py" line="72"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../../ui/models/packages.py" line="73"/>
        <source>Version in medium</source>
        <translation>Version du média</translation>
    </message>
    <message>
        <location filename="../../ui/models/packages.py" line="75"/>
        <source>Standing</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/models/packages.py" line="76"/>
        <source>Download</source>
        <translation>Téléchargement</translation>
    </message>
</context>
<context>
    <name>RefreshModel</name>
    <message>
        <location filename="../../ui/models/refresh.py" line="89"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="121"/>
        <source>Choosing a mirror</source>
        <translation>Choix d’un miroir</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="124"/>
        <source>Asking the mirror whether it changed</source>
        <translation>Vérification des changements sur le miroir</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="129"/>
        <source>Downloading {0}: {1} of {2}</source>
        <translation>Téléchargement de {0}&#xa0;: {1} sur {2}</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="133"/>
        <source>Downloading {0}: {1}</source>
        <translation>Téléchargement de {0}&#xa0;: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="140"/>
        <source>Checking {0}</source>
        <extracomment>{0}: a file name, or &quot;the files&quot;.</extracomment>
        <translation>Vérification&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="141"/>
        <source>the files</source>
        <translation>les fichiers</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="146"/>
        <source>Finishing</source>
        <translation>Finalisation</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="155"/>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/refresh.py" line="158"/>
        <source>Updated: %n package(s)</source>
        <translation>
            <numerusform>Mis à jour&#xa0;: %n paquet</numerusform>
            <numerusform>Mis à jour&#xa0;: %n paquets</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="162"/>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="166"/>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="168"/>
        <source>Failed: {0}</source>
        <translation>Échec&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="170"/>
        <source>its signing key changed</source>
        <translation>sa clé de signature a changé</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="184"/>
        <source>Cancelled: the previous package list is kept</source>
        <translation>Annulé&#xa0;: la liste de paquets précédente est conservée</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="72"/>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="73"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="74"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../../ui/models/refresh.py" line="233"/>
        <source>working</source>
        <translation>en cours</translation>
    </message>
</context>
<context>
    <name>RefreshPanel</name>
    <message>
        <location filename="../../ui/widgets/refreshpanel.py" line="81"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/refreshpanel.py" line="83"/>
        <source>Stop now: media that did not finish keep their previous package list.</source>
        <translation>Arrêter maintenant&#xa0;: les médias non terminés gardent leur liste de paquets précédente.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/refreshpanel.py" line="86"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/refreshpanel.py" line="93"/>
        <source>Refresh progress per medium</source>
        <translation>Progression de l’actualisation par média</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/refreshpanel.py" line="123"/>
        <source>&lt;b&gt;Refreshing the package lists&lt;/b&gt;</source>
        <translation>&lt;b&gt;Actualisation des listes de paquets&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/refreshpanel.py" line="135"/>
        <source>&lt;b&gt;Refresh cancelled&lt;/b&gt;</source>
        <translation>&lt;b&gt;Actualisation annulée&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/refreshpanel.py" line="138"/>
        <source>&lt;b&gt;Refresh done: %n medium/media could not be refreshed&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;Actualisation terminée&#xa0;: %n média n’a pas pu être actualisé&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;Actualisation terminée&#xa0;: %n médias n’ont pas pu être actualisés&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/refreshpanel.py" line="141"/>
        <source>&lt;b&gt;The package lists are up to date&lt;/b&gt;</source>
        <translation>&lt;b&gt;Les listes de paquets sont à jour&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>RefreshPresenter</name>
    <message>
        <location filename="../../ui/presenters/refresh.py" line="103"/>
        <source>Refreshing the package lists…</source>
        <translation>Actualisation des listes de paquets…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="40"/>
        <location filename="../../ui/dialogs/shortcuts.py" line="66"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="47"/>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="47"/>
        <source>Tick or untick the selected packages</source>
        <translation>Cocher ou décocher les paquets sélectionnés</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="48"/>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="48"/>
        <source>Show the details of the package</source>
        <translation>Afficher les détails du paquet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="49"/>
        <source>Left, Right</source>
        <translation>Gauche, Droite</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="49"/>
        <source>Fold or unfold a medium</source>
        <translation>Replier ou déplier un média</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="56"/>
        <source>Updates, Browse and Audit tabs</source>
        <translation>Onglets Mises à jour, Parcourir et Audit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="58"/>
        <source>Key</source>
        <translation>Touche</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="58"/>
        <source>Does</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>TransactionPresenter</name>
    <message>
        <location filename="../../ui/presenters/transaction.py" line="146"/>
        <source>Checking what will be installed…</source>
        <translation>Vérification de ce qui sera installé…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/presenters/transaction.py" line="175"/>
        <source>Installing %n package(s)…</source>
        <translation>
            <numerusform>Installation de %n paquet…</numerusform>
            <numerusform>Installation de %n paquets…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/presenters/transaction.py" line="229"/>
        <source>Switching {0} on…</source>
        <translation>Activation de {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/transaction.py" line="233"/>
        <source>Switching {0} off…</source>
        <translation>Désactivation de {0}…</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../ui/notifier.py" line="114"/>
        <source>&amp;Show updates…</source>
        <translation>&amp;Afficher les mises à jour…</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="116"/>
        <source>&amp;Check now</source>
        <translation>&amp;Rechercher maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="119"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
</context>
<context>
    <name>UpdatesModel</name>
    <message>
        <location filename="../../ui/models/updates.py" line="126"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="127"/>
        <source>Installed → new version</source>
        <translation>Version installée → nouvelle</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="128"/>
        <source>Importance</source>
        <translation>Importance</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="129"/>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="130"/>
        <source>Download</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="242"/>
        <source>Cannot be installed, its signature is not trusted: {0}</source>
        <translation>Ne peut pas être installé, sa signature n’est pas de confiance&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="256"/>
        <source>Cannot be installed: it needs {0}, whose signature is not trusted.</source>
        <extracomment>{0}: a package name.</extracomment>
        <translation>Ne peut pas être installé&#xa0;: il a besoin de {0}, dont la signature n’est pas de confiance.</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="551"/>
        <source>Testing medium: candidates for a future update, not supported; they may break your system.</source>
        <translation>Média de test&#xa0;: versions candidates pour une future mise à jour, non prises en charge&#x202f;; elles peuvent endommager votre système.</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="601"/>
        <source>cannot be installed: needs {0}</source>
        <translation>installation impossible&#xa0;: nécessite {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="605"/>
        <source>{0} (new, for {1})</source>
        <translation>{0} (nouveau, pour {1})</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="609"/>
        <source>{0} (replaces {1})</source>
        <translation>{0} (remplace {1})</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="620"/>
        <source>Not checked yet</source>
        <translation>Pas encore vérifiée</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="623"/>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="626"/>
        <source>Could not be checked</source>
        <translation>Vérification impossible</translation>
    </message>
    <message>
        <location filename="../../ui/models/updates.py" line="653"/>
        <source>Nothing on the enabled media provides: {0}</source>
        <translation>Aucun média activé ne fournit&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>UpdatesPresenter</name>
    <message>
        <location filename="../../ui/presenters/updates.py" line="154"/>
        <source>Looking for updates…</source>
        <translation>Recherche de mises à jour…</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="122"/>
        <location filename="../../ui/notifier.py" line="195"/>
        <source>Software Updates</source>
        <translation>Mises à jour logicielles</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="82"/>
        <source> ({0}, process {1})</source>
        <extracomment>Added to &quot;The package database is in use{0}.&quot;: a program and its process id.</extracomment>
        <translation> ({0}, processus {1})</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="83"/>
        <source>a program</source>
        <translation>un programme</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="86"/>
        <source>Another program is changing the system</source>
        <translation>Un autre programme modifie le système</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="87"/>
        <source>The package database is in use{0}.</source>
        <translation>La base de données des paquets est en cours d’utilisation{0}.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>Wait until it has finished, then try again.</source>
        <translation>Attendez qu’il ait terminé, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="95"/>
        <source>Every medium is switched off</source>
        <translation>Tous les médias sont désactivés</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="96"/>
        <source>Nothing is looked at for updates: this is not an up-to-date system.</source>
        <translation>Aucune mise à jour n’est recherchée&#xa0;: le système n’est pas à jour pour autant.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="99"/>
        <source>Tick a medium in the media list to switch it on, your updates one first.</source>
        <translation>Cochez un média dans la liste des médias pour l’activer, à commencer par celui des mises à jour.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="104"/>
        <source>No medium is configured</source>
        <translation>Aucun média n’est configuré</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="105"/>
        <source>urpmi.cfg lists no medium: there is nothing to look for updates in.</source>
        <translation>urpmi.cfg ne déclare aucun média&#xa0;: il n’y a nulle part où chercher des mises à jour.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="108"/>
        <source>Add your distribution&apos;s media as an administrator (xosupdate media add-distrib URL, or urpmi.addmedia --distrib URL).</source>
        <translation>Ajoutez les médias de votre distribution en tant qu’administrateur (xosupdate media add-distrib URL, ou urpmi.addmedia --distrib URL).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="117"/>
        <source>Nothing was installed. Do not work around this: report it to your distribution; the other updates can still be installed.</source>
        <translation>Rien n’a été installé. Ne contournez pas ce problème&#xa0;: signalez-le à votre distribution&#x202f;; les autres mises à jour peuvent toujours être installées.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="123"/>
        <source>A package is not signed: {0}</source>
        <translation>Un paquet n’est pas signé&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="125"/>
        <source>A package is signed by a key this system does not know: {0}</source>
        <translation>Un paquet est signé par une clé que ce système ne connaît pas&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="129"/>
        <source>A package was changed after it was signed: {0}</source>
        <translation>Un paquet a été modifié après avoir été signé&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="133"/>
        <source>A medium has no signing key, so nothing from it can be verified: {0}</source>
        <translation>Un média n’a pas de clé de signature, rien de ce qu’il fournit ne peut donc être vérifié&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="136"/>
        <source>An administrator can import the medium&apos;s key by refreshing it.</source>
        <translation>Un administrateur peut importer la clé du média en actualisant celui-ci.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="140"/>
        <source>A package could not be verified: {0}</source>
        <translation>Un paquet n’a pas pu être vérifié&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="142"/>
        <source>A package could not be verified</source>
        <translation>Un paquet n’a pas pu être vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="150"/>
        <source>The installation failed</source>
        <translation>L’installation a échoué</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="152"/>
        <source>Nothing else was changed. The details say which package failed and why.</source>
        <translation>Rien d’autre n’a été modifié. Les détails indiquent quel paquet a échoué et pourquoi.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="173"/>
        <source>Authentication was cancelled</source>
        <translation>L’authentification a été annulée</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="174"/>
        <source>Nothing was changed.</source>
        <translation>Rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="175"/>
        <source>Try again and enter the administrator password when asked.</source>
        <translation>Réessayez et saisissez le mot de passe administrateur quand il vous est demandé.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="180"/>
        <source>Not allowed</source>
        <translation>Non autorisé</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="181"/>
        <source>Your account is not allowed to make this change.</source>
        <translation>Votre compte n’est pas autorisé à effectuer cette modification.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="184"/>
        <source>Ask an administrator, or log in at the machine itself (remote and inactive sessions are never allowed).</source>
        <translation>Demandez à un administrateur, ou connectez-vous directement sur la machine (les sessions distantes ou inactives ne sont jamais autorisées).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="192"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="193"/>
        <source>The operation was cancelled.</source>
        <translation>L’opération a été annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="197"/>
        <source>Cannot reach the mirror</source>
        <translation>Impossible de joindre le miroir</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="199"/>
        <source>Check the network connection, or re-probe the mirrors and try again.</source>
        <translation>Vérifiez la connexion réseau, ou mesurez à nouveau les miroirs, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="204"/>
        <source>The mirror refused a file</source>
        <translation>Le miroir a refusé un fichier</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="206"/>
        <source>The mirror may be incomplete or out of date: re-probe the mirrors and try again.</source>
        <translation>Le miroir est peut-être incomplet ou pas à jour&#xa0;: mesurez à nouveau les miroirs, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="212"/>
        <source>Downloaded data is damaged</source>
        <translation>Les données téléchargées sont endommagées</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="214"/>
        <source>Refresh again; if it keeps happening, the mirror is broken: re-probe the mirrors.</source>
        <translation>Actualisez à nouveau&#x202f;; si le problème persiste, le miroir est défectueux&#xa0;: mesurez à nouveau les miroirs.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="220"/>
        <source>No package list for this medium</source>
        <translation>Aucune liste de paquets pour ce média</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="222"/>
        <source>Refresh the medium. If it keeps failing, the network may be sending a login page instead of the file (captive portal).</source>
        <translation>Actualisez le média. Si l’échec persiste, le réseau envoie peut-être une page de connexion à la place du fichier (portail captif).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="229"/>
        <source>Could not update the package lists</source>
        <translation>Impossible de mettre à jour les listes de paquets</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="231"/>
        <source>Check the network and try again.</source>
        <translation>Vérifiez le réseau, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="235"/>
        <source>Unknown medium</source>
        <translation>Média inconnu</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="237"/>
        <source>The media may have changed meanwhile: reload the list.</source>
        <translation>Les médias ont peut-être changé entre-temps&#xa0;: rechargez la liste.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="242"/>
        <source>The media configuration cannot be read</source>
        <translation>Impossible de lire la configuration des médias</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="244"/>
        <source>Check /etc/urpmi/urpmi.cfg, or add media with &apos;xosupdate media add-distrib&apos;.</source>
        <translation>Vérifiez /etc/urpmi/urpmi.cfg, ou ajoutez des médias avec «&#xa0;xosupdate media add-distrib&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="250"/>
        <source>Damaged metadata</source>
        <translation>Métadonnées endommagées</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="252"/>
        <source>Refresh the media; if it keeps happening, report it to the mirror&apos;s maintainers.</source>
        <translation>Actualisez les médias&#x202f;; si le problème persiste, signalez-le aux responsables du miroir.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="258"/>
        <source>The installed packages cannot be read</source>
        <translation>Impossible de lire les paquets installés</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="260"/>
        <source>The rpm database may be damaged or in use; &apos;rpm --rebuilddb&apos; as root repairs it.</source>
        <translation>La base de données rpm est peut-être endommagée ou en cours d’utilisation&#x202f;; «&#xa0;rpm --rebuilddb&#xa0;», lancé en tant que root, la répare.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="268"/>
        <source>The request was refused</source>
        <translation>La demande a été refusée</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="270"/>
        <source>Nothing was changed. Reload the list: what was asked may no longer exist.</source>
        <translation>Rien n’a été modifié. Rechargez la liste&#xa0;: ce qui a été demandé n’existe peut-être plus.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="276"/>
        <source>The system helper misbehaved</source>
        <translation>L’utilitaire système a eu un comportement inattendu</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="278"/>
        <source>This is a bug; please report it with the details below.</source>
        <translation>Il s’agit d’un bogue&#x202f;; merci de le signaler en joignant les détails ci-dessous.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="283"/>
        <source>The system helper failed</source>
        <translation>L’utilitaire système a échoué</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="285"/>
        <source>Nothing may have been changed; reload the list.</source>
        <translation>Rien n’a peut-être été modifié&#x202f;; rechargez la liste.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="288"/>
        <source>xosupdate&apos;s settings cannot be read</source>
        <translation>Impossible de lire les réglages de xosupdate</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="290"/>
        <source>Fix or remove the settings file named below (etc/xosupdate/xosupdate.toml).</source>
        <translation>Corrigez ou supprimez le fichier de réglages indiqué ci-dessous (etc/xosupdate/xosupdate.toml).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="296"/>
        <source>The demo sandbox could not be built</source>
        <translation>Impossible de construire le bac à sable de démonstration</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="298"/>
        <source>It needs rpm, rpmbuild, rpmsign and gpg: &apos;make system-deps&apos; installs them.</source>
        <translation>Il nécessite rpm, rpmbuild, rpmsign et gpg&#xa0;: «&#xa0;make system-deps&#xa0;» les installe.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="304"/>
        <source>Something went wrong</source>
        <translation>Une erreur s’est produite</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="346"/>
        <source>Internal error</source>
        <translation>Erreur interne</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="347"/>
        <source>xosupdate hit a bug: {0}</source>
        <translation>xosupdate a rencontré un bogue&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="348"/>
        <source>Please report it with the details below.</source>
        <translation>Merci de le signaler en joignant les détails ci-dessous.</translation>
    </message>
</context>
<context>
    <name>notifier</name>
    <message>
        <location filename="../../ui/notifier.py" line="62"/>
        <source>Could not check for updates</source>
        <translation>Impossible de rechercher les mises à jour</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="68"/>
        <source>Checking for updates…</source>
        <translation>Recherche de mises à jour…</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="72"/>
        <source>Last checked: {0}</source>
        <translation>Dernière vérification&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="74"/>
        <source>Not checked yet</source>
        <translation>Pas encore vérifié</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="77"/>
        <source>Could not be refreshed: {0}</source>
        <translation>Actualisation impossible&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>wording</name>
    <message>
        <location filename="../../ui/wording.py" line="45"/>
        <source>Security</source>
        <extracomment>An update&apos;s importance.</extracomment>
        <translation>Sécurité</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="46"/>
        <source>Bug fix</source>
        <translation>Correctif</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="47"/>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="60"/>
        <source>Trusted</source>
        <extracomment>A package&apos;s signature.</extracomment>
        <translation>De confiance</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="61"/>
        <source>Other medium&apos;s key</source>
        <translation>Clé d’un autre média</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="62"/>
        <source>Unknown key</source>
        <translation>Clé inconnue</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="63"/>
        <source>Unsigned</source>
        <translation>Non signé</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="64"/>
        <source>Bad signature</source>
        <translation>Signature invalide</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="75"/>
        <source>Not signed</source>
        <translation>Non signé</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="79"/>
        <source>Signed by {0}, the key of {1}</source>
        <extracomment>{0}: an OpenPGP key id, {1}: a medium.</extracomment>
        <translation>Signé par {0}, la clé de {1}</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="83"/>
        <source>Signed by {0}, the key of {1}, not of {2}</source>
        <translation>Signé par {0}, la clé de {1}, et non de {2}</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="105"/>
        <source>Release</source>
        <extracomment>The kind of a medium (urpmi media_type).</extracomment>
        <translation>Version publiée</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="106"/>
        <source>Updates</source>
        <translation>Mises à jour</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="107"/>
        <source>Testing</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="108"/>
        <source>Backports</source>
        <translation>Rétroportages</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="109"/>
        <source>Debug</source>
        <translation>Débogage</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="110"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="111"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="128"/>
        <source>Update available</source>
        <extracomment>An installed package&apos;s standing in the audit.</extracomment>
        <translation>Mise à jour disponible</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="129"/>
        <source>Only in testing</source>
        <translation>Seulement en test</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="130"/>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="131"/>
        <source>Newer than the media</source>
        <translation>Plus récent que les médias</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="132"/>
        <source>In no medium</source>
        <translation>Dans aucun média</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="195"/>
        <source>No updates on the media switched on.</source>
        <translation>Aucune mise à jour sur les médias activés.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="196"/>
        <source>Your system is up to date.</source>
        <translation>Votre système est à jour.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/wording.py" line="197"/>
        <source>%n update(s) available</source>
        <translation>
            <numerusform>%n mise à jour disponible</numerusform>
            <numerusform>%n mises à jour disponibles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/wording.py" line="200"/>
        <source>%n security</source>
        <translation>
            <numerusform>%n de sécurité</numerusform>
            <numerusform>%n de sécurité</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/wording.py" line="202"/>
        <source>%n bug fix(es)</source>
        <translation>
            <numerusform>%n correctif</numerusform>
            <numerusform>%n correctifs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="205"/>
        <source>{0}: {1}</source>
        <translation>{0}&#xa0;: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="212"/>
        <source>the computer</source>
        <translation>l’ordinateur</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="214"/>
        <source>your session</source>
        <translation>votre session</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="216"/>
        <source>the {0} service</source>
        <extracomment>{0}: a service, as the package names it (sshd, xorg).</extracomment>
        <translation>le service {0}</translation>
    </message>
</context>
</TS>
