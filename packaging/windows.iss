; Inno Setup 6 script: a per-user installer of the PyInstaller build (dist\fangzhi-desktop\).
; No administrator rights are asked; the app goes to %LOCALAPPDATA%\Programs\方志办公桌面.
; Uninstalling removes the program only: the database, backups and logs in the user's data
; folder (%LOCALAPPDATA%\fangzhi-desktop) are never touched.
;
; Build on Windows, after `make dist` (or the commands in docs/building.md):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows.iss
; Output: dist\方志办公桌面-安装程序-<version>.exe
;
; ChineseSimplified.isl ships with Inno Setup 6.5 and later; with an older Inno Setup 6 put the
; file from https://jrsoftware.org/files/istrans/ into its Languages folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "方志办公桌面"
#define AppExe "fangzhi.exe"

[Setup]
; Never change AppId: upgrades find the earlier installation through it.
AppId={{8B6F7D2E-3C4A-4F1E-9A57-2D6C0B1E5F93}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=方志办公桌面维护组
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809: what Qt 6 and Python 3.11 need (Windows 7/8.1 are not supported).
MinVersion=10.0.17763
OutputDir=..\dist
OutputBaseFilename={#AppName}-安装程序-{#AppVersion}
SetupIconFile=..\resources\icons\fangzhi.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建快捷方式"; GroupDescription: "附加快捷方式："

[Files]
Source: "..\dist\fangzhi-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\使用手册"; Filename: "{app}\方志办公桌面使用手册.docx"
Name: "{group}\卸载{#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "立即启动{#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only files the program itself may leave next to it; user data lives elsewhere and stays.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
