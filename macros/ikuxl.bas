Attribute VB_Name = "ikuxl"
' ikuxl.xlam: the IKU ribbon tab of classic desktop xlwings.
' Every button of customUI14.xml calls this one callback, which hands the button's id to Python.
' Nothing else lives here: the rules are in the ikuxl package. Needs the xlwings add-in (xlwings.xlam).
Option Explicit

Public Sub IkuTombol(control As IRibbonControl)
    Application.Run "xlwings.xlam!RunPython", "import ikuxl.excel.desktop as d; d.jalankan('" & control.Id & "')"
End Sub
