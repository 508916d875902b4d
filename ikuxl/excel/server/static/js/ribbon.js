// The three buttons of the IKU tab (manifest.xml): each runs one Python script on the server
// with the open workbook and lets Excel apply what comes back.
function tombolIku(namaSkrip) {
  return async function (event) {
    const masuk =
      typeof globalThis.getAuth === "function"
        ? await globalThis.getAuth()
        : { token: "", provider: "" };
    try {
      await xlwings.runPython({
        auth: masuk.token,
        scriptName: namaSkrip,
        headers: { "Auth-Provider": masuk.provider },
      });
    } finally {
      event.completed();
    }
  };
}

Office.actions.associate("iku-validasi", tombolIku("validasi"));
Office.actions.associate("iku-hitung", tombolIku("hitung_capaian"));
Office.actions.associate("iku-ringkasan", tombolIku("perbarui_ringkasan"));
