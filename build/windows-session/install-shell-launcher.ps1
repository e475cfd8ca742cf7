# Makes this Windows PC a counter: the local account `counter` gets the kiosk instead of the desktop.
# Windows 10/11 Enterprise, Education or IoT Enterprise (Shell Launcher is not part of Pro or Home).
#
# Run from an elevated PowerShell in the folder of this script, with the kiosk installed in
# %ProgramFiles%\isfahan-kiosk\ (the bundle folder, kiosk.exe inside):
#   powershell -ExecutionPolicy Bypass -File install-shell-launcher.ps1            # apply
#   powershell -ExecutionPolicy Bypass -File install-shell-launcher.ps1 -Remove    # give the desktop back
# The WMI bridge that applies the configuration answers only to the SYSTEM account; the script restarts
# itself as SYSTEM through a one-off scheduled task. docs/counter-session.md explains every step.
param([switch]$Remove, [switch]$AsSystem, [string]$Account = "counter")
$ErrorActionPreference = "Stop"
# The name goes into the XML and onto a command line: a plain local account name only.
if ($Account -notmatch '^[A-Za-z0-9._-]{1,20}$') { throw "the account name may hold only letters, digits, . _ - (at most 20)" }
$here = Split-Path -Parent $MyInvocation.MyCommand.Path

function Invoke-AsSystem {
    $task = "isfahan-kiosk-shell-launcher"
    $arguments = "-NoProfile -ExecutionPolicy Bypass -File `"$($MyInvocation.ScriptName)`" -AsSystem -Account $Account"
    if ($Remove) { $arguments += " -Remove" }
    $action = New-ScheduledTaskAction -Execute "powershell.exe" -Argument $arguments
    Register-ScheduledTask -TaskName $task -Action $action -User "NT AUTHORITY\SYSTEM" -RunLevel Highest -Force | Out-Null
    Start-ScheduledTask -TaskName $task
    # 267011 (0x41303) is "has not yet run": wait until it ran and is no longer running.
    $deadline = (Get-Date).AddMinutes(5)
    do {
        Start-Sleep -Seconds 1
        $result = (Get-ScheduledTaskInfo -TaskName $task).LastTaskResult
        $state = (Get-ScheduledTask -TaskName $task).State
    } while (($result -eq 267011 -or $state -eq "Running") -and (Get-Date) -lt $deadline)
    Unregister-ScheduledTask -TaskName $task -Confirm:$false
    if ($result -ne 0) { throw "applying the Shell Launcher configuration failed (code $result); see $env:ProgramData\isfahan-kiosk\shell-launcher.log" }
}

if (-not $AsSystem) {
    $kiosk = Join-Path $env:ProgramFiles "isfahan-kiosk\kiosk.exe"
    if (-not $Remove -and -not (Test-Path $kiosk)) { throw "the kiosk is not installed at $kiosk" }
    # Shell Launcher itself, an optional feature of the Enterprise editions (removing needs nothing new).
    $feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
    if (-not $Remove -and $feature.State -ne "Enabled") {
        Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
        Write-Host "Shell Launcher was enabled; restart the PC and run this script again."
        exit 0
    }
    if (-not $Remove -and -not (Get-LocalUser -Name $Account -ErrorAction SilentlyContinue)) {
        # A standard user with no rights beyond its own profile; its password is set by the administrator.
        $password = Read-Host -AsSecureString "Password for the new local account '$Account'"
        New-LocalUser -Name $Account -Password $password -PasswordNeverExpires -UserMayNotChangePassword `
            -Description "Isfahan counter kiosk" | Out-Null
        Add-LocalGroupMember -Group (Get-LocalGroup -SID "S-1-5-32-545").Name -Member $Account  # Users
    }
    Invoke-AsSystem
    Write-Host ($(if ($Remove) { "The desktop is back for '$Account'." } else { "'$Account' now signs in to the kiosk." }))
    exit 0
}

# --- as SYSTEM ------------------------------------------------------------------------------------
$log = Join-Path $env:ProgramData "isfahan-kiosk\shell-launcher.log"
New-Item -ItemType Directory -Force -Path (Split-Path $log) | Out-Null
Start-Transcript -Path $log -Append | Out-Null
try {
    $bridge = Get-CimInstance -Namespace "root\cimv2\mdm\dmmap" -ClassName "MDM_AssignedAccess"
    if ($Remove) {
        $bridge.ShellLauncher = $null
    } else {
        $xml = [System.IO.File]::ReadAllText((Join-Path $here "ShellLauncher.xml"))
        $xml = $xml.Replace('<Account Name="counter"/>', "<Account Name=`"$Account`"/>")
        $bridge.ShellLauncher = [System.Net.WebUtility]::HtmlEncode($xml)
    }
    Set-CimInstance -CimInstance $bridge
} finally {
    Stop-Transcript | Out-Null
}
