// Progressive enhancement only: with a suite chosen, offer just that suite's equipment.
// Without JavaScript every suite's equipment is listed in groups and the server checks the pair.
(() => {
  const suite = document.getElementById('SuiteId');
  const equipment = document.getElementById('EquipmentId');
  if (!suite || !equipment) {
    return;
  }

  const sync = () => {
    for (const group of equipment.querySelectorAll('optgroup')) {
      const match = group.dataset.suite === suite.value;
      group.hidden = !match;
      group.disabled = !match;
    }
    const chosen = equipment.selectedOptions[0];
    if (chosen && chosen.parentElement instanceof HTMLOptGroupElement && chosen.parentElement.disabled) {
      equipment.value = '';
    }
  };

  suite.addEventListener('change', sync);
  sync();
})();
