// client.interface.closeRightDrawer(): WAWebDrawerManager.DrawerManager.closeDrawerRight(), as
// whatsapp-web.js 1.34.7 / main 2dc9466 (src/util/InterfaceController.js:99-105).
async function closeRightDrawer() {
  await need('WAWebDrawerManager', 'DrawerManager.closeDrawerRight').DrawerManager.closeDrawerRight();
  return null;
}
