// The three buttons of the IKU tab (manifest.xml): each runs one Python script on the server
// with the open workbook and lets Excel apply what comes back.
const TOMBOL = ["Iku.Validasi", "Iku.Hitung", "Iku.Ringkasan"];
// The sheets a script reads (skrip.baca_buku, Validasi's old marks, and Ringkasan, whose charts it replaces:
// xlwings lists a sheet's charts only when its values go), as Excel matches names: regardless of case. Only
// their values travel to the server; the other sheets go by name only.
const DIBACA = ["iku", "realisasi", "komponen", "referensi", "validasi", "ringkasan"];

async function lembarDibaca() {
  return Excel.run(async (context) => {
    const lembar = context.workbook.worksheets;
    lembar.load("items/name");
    await context.sync();
    return lembar.items.map((l) => l.name).filter((n) => DIBACA.includes(n.toLowerCase())).join(",");
  });
}

// The buttons greyed out while a request runs, so a second click does not send the workbook again.
async function aktifkanTombol(aktif) {
  try {
    await Office.ribbon.requestUpdate({
      tabs: [{ id: "Iku.Tab", groups: [{ id: "Iku.Grup", controls: TOMBOL.map((id) => ({ id, enabled: aktif })) }] }],
    });
  } catch (e) {
    console.warn("ikuxl: tombol tidak dapat diubah (RibbonApi 1.1?)", e);
  }
}

function tombolIku(namaSkrip) {
  return async function (event) {
    const masuk =
      typeof globalThis.getAuth === "function"
        ? await globalThis.getAuth()
        : { token: "", provider: "" };
    await aktifkanTombol(false);
    try {
      // the script's actions call these (skrip.buka_lindungan, skrip.pasang_pengaturan)
      xlwings.registerCallback(ikuxlBukaLindungan);
      xlwings.registerCallback(ikuxlAturLembar);
      await xlwings.runPython({
        auth: masuk.token,
        scriptName: namaSkrip,
        include: await lembarDibaca(),
        headers: { "Auth-Provider": masuk.provider },
      });
    } finally {
      await aktifkanTombol(true);
      event.completed();
    }
  };
}

// Protection off on the sheets the script rewrites: Excel refuses writes to a protected sheet.
async function ikuxlBukaLindungan(context, nama) {
  const lembar = JSON.parse(nama).map((n) => {
    const sheet = context.workbook.worksheets.getItem(n);
    sheet.protection.load("protected");
    return sheet;
  });
  await context.sync();
  for (const sheet of lembar) {
    if (sheet.protection.protected) sheet.protection.unprotect();
  }
  await context.sync();
}

// The sheet settings xlwings has no API for, as the file written by `ikuxl recalc` has them
// (skrip.pengaturan_lembar): tab colour, A4 print set-up, filter, input rules, helper columns' outline
// groups (collapsed), protection.
async function ikuxlAturLembar(context, data) {
  for (const l of JSON.parse(data)) {
    const sheet = context.workbook.worksheets.getItem(l.nama);
    // outline groups need ExcelApi 1.10 (Excel 2021, Microsoft 365); before it the helpers stay hidden only
    if (l.kelompok_kolom.length && Office.context.requirements.isSetSupported("ExcelApi", "1.10")) {
      // a group left by an earlier run is ungrouped first, so the helpers stay one level deep; Excel
      // refuses to ungroup columns that have no group, which is then nothing to undo (a batch of its own)
      await context.sync();
      const akhir = l.kelompok_kolom[l.kelompok_kolom.length - 1].split(":")[1];
      sheet.getRange("A:" + akhir).ungroup(Excel.GroupOption.byColumns);
      try {
        await context.sync();
      } catch (e) {}
      for (const kolom of l.kelompok_kolom) {
        const rentang = sheet.getRange(kolom);
        rentang.group(Excel.GroupOption.byColumns);
        rentang.hideGroupDetails(Excel.GroupOption.byColumns);
      }
    }
    if (l.warna_tab) sheet.tabColor = l.warna_tab;
    const halaman = sheet.pageLayout;
    halaman.paperSize = Excel.PaperType.a4;
    halaman.orientation = l.tegak ? Excel.PageOrientation.portrait : Excel.PageOrientation.landscape;
    if (l.baris_cetak) halaman.setPrintTitleRows("$" + l.baris_cetak.replace(":", ":$"));
    if (l.kolom_cetak) halaman.setPrintTitleColumns("$" + l.kolom_cetak.replace(":", ":$"));
    halaman.zoom = l.skala
      ? { scale: l.skala }
      : { horizontalFitToPages: l.halaman_lebar, verticalFitToPages: 0 };
    sheet.verticalPageBreaks.removePageBreaks();
    sheet.horizontalPageBreaks.removePageBreaks();
    for (const kolom of l.putus_kolom) sheet.verticalPageBreaks.add(kolom + "1");
    for (const baris of l.putus_baris) sheet.horizontalPageBreaks.add("A" + baris);
    // a plain reference; a formula (Realisasi's rows in force) is left as the template set it
    const area = l.area_cetak ? l.area_cetak.split("!").pop() : "";
    if (area && !area.includes("(")) halaman.setPrintArea(area);
    if (l.saring) sheet.autoFilter.apply(sheet.getRange(l.saring));
    for (const v of l.validasi) {
      const sel = sheet.getRange(v.rentang).dataValidation;
      sel.clear();
      sel.rule =
        v.jenis === "list"
          ? { list: { inCellDropDown: true, source: v.sumber } }
          : v.jenis === "custom"
            ? { custom: { formula: v.sumber } }
            : { decimal: { formula1: -1e15, formula2: 1e15, operator: Excel.DataValidationOperator.between } };
      sel.ignoreBlanks = true;
      sel.prompt = { showPrompt: true, title: v.judul, message: v.pesan };
      sel.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.stop, title: "Isian tidak sesuai", message: v.pesan };
    }
    if (l.lindungi) {
      // as the file shell: no password; formatting, sorting and filtering stay allowed
      sheet.protection.protect({
        allowFormatCells: true,
        allowFormatColumns: true,
        allowFormatRows: true,
        allowSort: true,
        allowAutoFilter: true,
      });
    }
  }
  await context.sync();
}

Office.actions.associate("iku-validasi", tombolIku("validasi"));
Office.actions.associate("iku-hitung", tombolIku("hitung_capaian"));
Office.actions.associate("iku-ringkasan", tombolIku("perbarui_ringkasan"));
