/** Case styles: one column that fits a 360-px screen, touch targets of at least 44 px. */
const CSS = `
.bd-case{max-width:48rem;margin:1rem 0;padding:.75rem;border:1px solid #767676;border-radius:.4rem;box-sizing:border-box;overflow-wrap:anywhere}
.bd-case *{box-sizing:border-box}
.bd-case img{max-width:100%;height:auto}
.bd-case table{display:block;overflow-x:auto;max-width:100%}
.bd-case h3{font-size:1.15rem;margin:0 0 .5rem}
.bd-case h4{font-size:1.05rem;margin:.75rem 0 .4rem}
.bd-case details{margin:.25rem 0 .75rem}
.bd-case summary{cursor:pointer;font-weight:600;min-height:2.75rem;padding:.6rem 0}
.bd-case .bd-case-path{font-size:.9em;color:#333;margin:.25rem 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.25rem}
.bd-case .bd-case-path li:not(:last-child)::after{content:" →";color:#555}
.bd-case .bd-case-choices{list-style:none;margin:.5rem 0;padding:0}
.bd-case .bd-case-choices li{margin:.4rem 0}
.bd-case button{font:inherit;min-height:2.75rem;min-width:2.75rem;padding:.5rem .9rem;border-radius:.3rem;border:1px solid #1d4f91;background:#1d4f91;color:#fff;cursor:pointer;text-align:left}
.bd-case .bd-case-choices button{width:100%;background:#fff;color:#102a4c;border-color:#1d4f91}
.bd-case .bd-case-choices button:hover{background:#eef3fa}
.bd-case button.bd-secondary{background:#fff;color:#1d4f91}
.bd-case button:disabled,.bd-case button[aria-disabled=true]{background:#e0e0e0;color:#333;border-color:#767676;cursor:not-allowed}
.bd-case button:focus-visible,.bd-case textarea:focus-visible,.bd-case [tabindex="-1"]:focus-visible,.bd-case summary:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.bd-case .bd-case-result{margin:.75rem 0;padding:.5rem .75rem;border-left:.3rem solid #555;background:#f4f4f4;color:#111}
.bd-case .bd-case-result.bd-plus{border-color:#1a7f37}
.bd-case .bd-case-result.bd-minus{border-color:#b3261e}
.bd-case .bd-case-advice{margin-top:.5rem;font-style:italic}
.bd-case .bd-case-end{margin-top:.75rem;padding:.5rem .75rem;border:2px solid #1d4f91;border-radius:.3rem}
.bd-case .bd-case-reflection{margin:.75rem 0}
.bd-case .bd-case-reflection label{display:block;font-weight:600;margin-bottom:.25rem}
.bd-case textarea{font:inherit;width:100%;min-height:7rem;padding:.45rem;border:1px solid #555;border-radius:.3rem}
.bd-case .bd-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem}
.bd-case .bd-note{font-size:.9em;color:#333}
`;

export function ensureCaseStyles(): void {
  if (document.getElementById('bd-case-style')) return;
  const style = document.createElement('style');
  style.id = 'bd-case-style';
  style.textContent = CSS;
  document.head.append(style);
}
