// 工作台的少量增强: upload progress for the roster form, auto-submitted hand-over forms, and
// on a phone the main menu folded behind one 菜单 button (without script it stays open).
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("main-menu");
  if (toggle && menu) {
    var current = menu.querySelector("a[aria-current]");
    toggle.textContent = current ? "菜单：" + current.textContent : "菜单";
    toggle.hidden = false;
    menu.classList.add("foldable");
    toggle.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) { form.submit(); });
  document.querySelectorAll("form[data-upload-progress]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData) { return; }
      event.preventDefault();
      var box = form.querySelector(".upload-progress");
      var bar = form.querySelector("progress");
      box.hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
      });
      request.addEventListener("load", function () {
        if (request.responseURL && request.responseURL !== form.action) {
          window.location.assign(request.responseURL);
        } else {
          document.open(); document.write(request.responseText); document.close();
        }
      });
      request.send(new FormData(form));
    });
  });
});
