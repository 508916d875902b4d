# Builds ikuxl.xlam on Windows with Excel installed (run in PowerShell from the repository root):
#   1. Excel creates an empty add-in and imports macros\ikuxl.bas as its VBA module;
#   2. `python macros/sisipkan_customui.py ikuxl.xlam` adds the IKU ribbon (customUI14.xml).
# Excel must allow programmatic access to the VBA project:
#   File > Options > Trust Center > Trust Center Settings > Macro Settings > "Trust access to the VBA project object model".
$ErrorActionPreference = "Stop"
$akar = Split-Path -Parent $PSScriptRoot
$tujuan = Join-Path $akar "ikuxl.xlam"
$excel = New-Object -ComObject Excel.Application
$excel.DisplayAlerts = $false
try {
    $buku = $excel.Workbooks.Add()
    $buku.VBProject.VBComponents.Import((Join-Path $PSScriptRoot "ikuxl.bas")) | Out-Null
    $buku.SaveAs($tujuan, 55)  # 55 = xlOpenXMLAddIn (.xlam)
    $buku.Close($false)
} finally {
    $excel.Quit()
    [System.Runtime.InteropServices.Marshal]::ReleaseComObject($excel) | Out-Null
}
python (Join-Path $PSScriptRoot "sisipkan_customui.py") $tujuan
Write-Host "ikuxl.xlam siap: $tujuan"
