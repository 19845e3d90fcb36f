; Inno Setup 6 script: a Windows installer for the one-folder build (dist\mopai\).
; Not run on this project's Linux machines: build it on Windows with Inno Setup 6.3 or later,
; from the repository root, after `pyinstaller --noconfirm build.spec`:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\mopai.iss     (the version: intake.__version__)
;
; Installs for the current user without administrator rights (office PCs rarely grant them;
; %LOCALAPPDATA%\Programs\摸排助手), or for all users if run as administrator. Start-menu entry
; and optional desktop shortcut 摸排助手; .xlsx/.xls/.xlsm/.et/.csv files offer 摸排助手 in
; 打开方式 (OpenWithProgids: Excel or WPS stay the default). Uninstalling removes the program and
; these entries; the user's data (%LOCALAPPDATA%\mopai) stays.
; The installer speaks Simplified Chinese if Inno Setup's ChineseSimplified.isl is present
; (an unofficial translation: copy it into Inno Setup's Languages folder), English otherwise.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "摸排助手"
#define AppExe "摸排助手.exe"
#define ProgId "mopai.sheet"

[Setup]
AppId={{6F0C7E2A-3B8D-4C1E-9A57-2D4E8B1F0A16}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=mopai-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\mopai.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Languages]
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "..\..\dist\mopai\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueData: "登记表（摸排助手）"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.xls\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.xlsm\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.et\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.csv\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "启动摸排助手"; Flags: nowait postinstall skipifsilent
