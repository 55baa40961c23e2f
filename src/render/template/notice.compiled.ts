// @ts-nocheck -- generated from templates/notice.hbs by test/render-docx (UPDATE_GOLDEN=1); do not edit.
// The notice template precompiled, so that a build need not compile it. Used only while
// SOURCE equals the template file; an edited template is compiled when it is used.
/* eslint-disable */
export const SOURCE = "{{!--\n  通报正文模板（默认措辞，与2023年第四季度通报原文一致）。\n\n  每个输出行是一个段落：行首的 @种类 说明它是什么段落，其后是段落文字。\n  种类见 docs/layout.md：@docnum @title @to @p @h1 @h2 @blank @attach @attach-more\n  @sign @date @note @annex-label @annex-title @annex-note @table-title @table。\n  一个段落可以写成多行：续行以 {{~ 开头（去掉前面的换行）；段落的最后一行要以文字或行内的\n  {{/if}} 结尾——单独占一行的 {{/if}} 连同其后的换行会被去掉，下一段就接到了这一段后面。\n  数据只作为上下文传入；所有数字、名单、日期都来自报告模型，不要在这里手写。\n--}}\n{{#if docNumber}}\n@docnum {{docNumber}}\n@blank\n{{/if}}\n@title {{title}}\n@blank\n@to {{recipients}}：\n@p 根据{{#each basis}}《{{title}}》{{#if number}}（{{number}}）{{/if}}{{/each}}要求，{{issuer}}于{{inspection.span}}，组织对{{scope}}政府网站和政务新媒体{{round.quarterLabel}}运行情况进行了检查，现将检查情况通报如下：\n@h1 一、总体情况\n@p 目前，{{scope}}纳入监管的政府网站共有{{totals.sites.total}}个，政务微信、政务微博共有{{totals.accounts.total}}个。\n   {{~!}}其中：{{levels.county}}级政府网站{{totals.sites.county}}个，{{levels.department}}政府网站{{totals.sites.department}}个；\n   {{~!}}{{levels.county}}政务微博、政务微信{{totals.accounts.county}}个，{{levels.department}}政务微博、政务微信{{totals.accounts.department}}个。\n   {{~!}}{{issuer}}按照{{inspection.coverage}}的检查比例要求，对{{scope}}政府网站、政务新媒体进行了{{#if (eq inspection.coverage \"100%\")}}全覆盖检查{{else}}抽查{{/if}}。\n   {{~#if totals.sites.failing}}\n     {{~#if totals.accounts.failing}}\n       {{~!}}经检查，{{scope}}有不合格政府网站{{totals.sites.failing}}个，不合格政务微信、政务微博{{totals.accounts.failing}}个。\n     {{~else}}\n       {{~!}}经检查，{{scope}}有不合格政府网站{{totals.sites.failing}}个，未发现不合格政务新媒体。\n     {{~/if}}\n     {{~!}}不合格的政府网站{{#if (eq totals.sites.failing 1)}}是{{else}}分别是{{/if}}：\n     {{~#each failingSites}}{{name}}{{#unless @last}}、{{/unless}}{{/each}}。\n   {{~else}}\n     {{~#if totals.accounts.failing}}\n       {{~!}}经检查，{{scope}}有不合格政务微信、政务微博{{totals.accounts.failing}}个，未发现不合格政府网站。\n     {{~else}}\n       {{~!}}经检查，{{scope}}未发现不合格政府网站和政务新媒体。\n     {{~/if}}\n   {{~/if}}\n   {{~#if totals.accounts.failing}}\n     {{~!}}不合格的政务新媒体{{#if (eq totals.accounts.failing 1)}}是{{else}}分别是{{/if}}：\n     {{~#each failingAccounts}}{{name}}（{{platformLabel}}）{{#unless @last}}、{{/unless}}{{/each}}。{{/if}}\n{{#if totals.sites.failing}}\n@p {{issuer}}将对以上不合格的政府网站{{#if totals.accounts.failing}}和政务新媒体{{/if}}纳入{{round.label}}{{ge levels.department}}目标绩效年终扣分依据。\n{{else if totals.accounts.failing}}\n@p {{issuer}}将对以上不合格的政务新媒体纳入{{round.label}}{{ge levels.department}}目标绩效年终扣分依据。\n{{/if}}\n@h1 二、存在的问题\n{{#each problems}}\n@h2 {{#lead}}（{{cn @index}}）{{heading}}{{/lead}}{{text}}\n{{else}}\n@p 本次检查未发现需要通报的共性问题。\n{{/each}}\n@h1 三、下步要求\n{{#each requirements}}\n@h2 {{#lead}}（{{cn @index}}）{{heading}}{{/lead}}{{text}}\n{{else}}\n@p 各{{levels.county}}、各部门要持续加强政府网站和政务新媒体日常管理，按要求及时更新信息。\n{{/each}}\n{{#if (or totals.sites.failing totals.accounts.failing)}}\n@p 请各单位高度重视，对本次通报问题立即进行整改，举一反三，查缺补漏，确保{{round.quarterLabel}}检查合格。对存在不合格问题的{{stem levels.county}}和{{levels.department}}，请于{{deadline.text}}前将整改情况经分管领导审定后，通过公文事务系统报{{issuer}}，若逾期仍未整改的，将对相关单位负责人进行约谈。\n{{else}}\n@p 请各单位高度重视，对本次通报问题举一反三，查缺补漏，并于{{deadline.text}}前将自查整改情况经分管领导审定后，通过公文事务系统报{{issuer}}。\n{{/if}}\n@blank\n@attach 附件：1.{{annex1.title}}\n@attach-more 2.{{annex2.title}}\n@blank\n@blank\n@sign {{issuer}}\n@date {{issued.text}}\n@note （联系人：{{contact.name}}；联系方式：{{contact.phone}}）\n@annex-label {{annex1.label}}\n@blank\n@annex-title {{annex1.title}}\n{{#if layout.annex1.inline}}\n@table annex1\n{{else}}\n@annex-note 本附件共{{layout.annex1.rows}}条记录，篇幅较大，不在正文中列出，详见随本通报印发的{{annex1.label}}电子表格（Excel文件）。\n{{/if}}\n@annex-label {{annex2.label}}\n@blank\n@annex-title {{annex2.title}}\n{{#if layout.annex2.inline}}\n{{#each annex2.sections}}\n@table-title {{title}}\n@table annex2 {{@index}}\n{{/each}}\n{{else}}\n@annex-note 本附件共{{layout.annex2.rows}}条记录，篇幅较大，不在正文中列出，详见随本通报印发的{{annex2.label}}电子表格（Excel文件）。\n{{/if}}\n";
export const SPEC = {"0":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "@docnum "
    + ((stack1 = container.lambda(container.strict(depth0, "docNumber", {"start":{"line":12,"column":10},"end":{"line":12,"column":19}} ), depth0)) != null ? stack1 : "")
    + "\n@blank\n";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "《"
    + ((stack1 = container.lambda(container.strict(depth0, "title", {"start":{"line":18,"column":23},"end":{"line":18,"column":28}} ), depth0)) != null ? stack1 : "")
    + "》"
    + ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"number"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":18,"column":31},"end":{"line":18,"column":64}}})) != null ? stack1 : "");
},"2":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "（"
    + ((stack1 = container.lambda(container.strict(depth0, "number", {"start":{"line":18,"column":48},"end":{"line":18,"column":54}} ), depth0)) != null ? stack1 : "")
    + "）";
},"3":function(container,depth0,helpers,partials,data) {
    return "全覆盖检查";
},"4":function(container,depth0,helpers,partials,data) {
    return "抽查";
},"5":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"accounts"),"failing"),{"name":"if","hash":{},"fn":container.program(6, data, 0),"inverse":container.program(7, data, 0),"data":data,"loc":{"start":{"line":25,"column":5},"end":{"line":29,"column":13}}})) != null ? stack1 : "")
    + "不合格的政府网站"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(helpers,"eq").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"sites"),"failing"),1,{"name":"eq","hash":{},"data":data,"loc":{"start":{"line":30,"column":25},"end":{"line":30,"column":52}}}),{"name":"if","hash":{},"fn":container.program(8, data, 0),"inverse":container.program(9, data, 0),"data":data,"loc":{"start":{"line":30,"column":19},"end":{"line":30,"column":73}}})) != null ? stack1 : "")
    + "："
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"failingSites"),{"name":"each","hash":{},"fn":container.program(10, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":31,"column":5},"end":{"line":31,"column":74}}})) != null ? stack1 : "")
    + "。";
},"6":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "经检查，"
    + ((stack1 = alias2(alias1(depth0, "scope", {"start":{"line":26,"column":19},"end":{"line":26,"column":24}} ), depth0)) != null ? stack1 : "")
    + "有不合格政府网站"
    + ((stack1 = alias2(alias1(lookupProperty(lookupProperty(depth0,"totals"),"sites"), "failing", {"start":{"line":26,"column":36},"end":{"line":26,"column":56}} ), depth0)) != null ? stack1 : "")
    + "个，不合格政务微信、政务微博"
    + ((stack1 = alias2(alias1(lookupProperty(lookupProperty(depth0,"totals"),"accounts"), "failing", {"start":{"line":26,"column":74},"end":{"line":26,"column":97}} ), depth0)) != null ? stack1 : "")
    + "个。";
},"7":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "经检查，"
    + ((stack1 = alias2(alias1(depth0, "scope", {"start":{"line":28,"column":19},"end":{"line":28,"column":24}} ), depth0)) != null ? stack1 : "")
    + "有不合格政府网站"
    + ((stack1 = alias2(alias1(lookupProperty(lookupProperty(depth0,"totals"),"sites"), "failing", {"start":{"line":28,"column":36},"end":{"line":28,"column":56}} ), depth0)) != null ? stack1 : "")
    + "个，未发现不合格政务新媒体。";
},"8":function(container,depth0,helpers,partials,data) {
    return "是";
},"9":function(container,depth0,helpers,partials,data) {
    return "分别是";
},"10":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = container.lambda(container.strict(depth0, "name", {"start":{"line":31,"column":30},"end":{"line":31,"column":34}} ), depth0)) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"unless").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(data,"last"),{"name":"unless","hash":{},"fn":container.program(11, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":31,"column":36},"end":{"line":31,"column":65}}})) != null ? stack1 : "");
},"11":function(container,depth0,helpers,partials,data) {
    return "、";
},"12":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"accounts"),"failing"),{"name":"if","hash":{},"fn":container.program(13, data, 0),"inverse":container.program(14, data, 0),"data":data,"loc":{"start":{"line":33,"column":5},"end":{"line":37,"column":13}}})) != null ? stack1 : "");
},"13":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "经检查，"
    + ((stack1 = alias2(alias1(depth0, "scope", {"start":{"line":34,"column":19},"end":{"line":34,"column":24}} ), depth0)) != null ? stack1 : "")
    + "有不合格政务微信、政务微博"
    + ((stack1 = alias2(alias1(lookupProperty(lookupProperty(depth0,"totals"),"accounts"), "failing", {"start":{"line":34,"column":41},"end":{"line":34,"column":64}} ), depth0)) != null ? stack1 : "")
    + "个，未发现不合格政府网站。";
},"14":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "经检查，"
    + ((stack1 = container.lambda(container.strict(depth0, "scope", {"start":{"line":36,"column":19},"end":{"line":36,"column":24}} ), depth0)) != null ? stack1 : "")
    + "未发现不合格政府网站和政务新媒体。";
},"15":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "不合格的政务新媒体"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(helpers,"eq").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"accounts"),"failing"),1,{"name":"eq","hash":{},"data":data,"loc":{"start":{"line":40,"column":26},"end":{"line":40,"column":56}}}),{"name":"if","hash":{},"fn":container.program(8, data, 0),"inverse":container.program(9, data, 0),"data":data,"loc":{"start":{"line":40,"column":20},"end":{"line":40,"column":77}}})) != null ? stack1 : "")
    + "："
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"failingAccounts"),{"name":"each","hash":{},"fn":container.program(16, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":41,"column":5},"end":{"line":41,"column":96}}})) != null ? stack1 : "")
    + "。";
},"16":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = alias2(alias1(depth0, "name", {"start":{"line":41,"column":33},"end":{"line":41,"column":37}} ), depth0)) != null ? stack1 : "")
    + "（"
    + ((stack1 = alias2(alias1(depth0, "platformLabel", {"start":{"line":41,"column":42},"end":{"line":41,"column":55}} ), depth0)) != null ? stack1 : "")
    + "）"
    + ((stack1 = lookupProperty(helpers,"unless").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(data,"last"),{"name":"unless","hash":{},"fn":container.program(11, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":41,"column":58},"end":{"line":41,"column":87}}})) != null ? stack1 : "");
},"17":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "@p "
    + ((stack1 = alias2(alias1(depth0, "issuer", {"start":{"line":43,"column":5},"end":{"line":43,"column":11}} ), depth0)) != null ? stack1 : "")
    + "将对以上不合格的政府网站"
    + ((stack1 = lookupProperty(helpers,"if").call(alias3,lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"accounts"),"failing"),{"name":"if","hash":{},"fn":container.program(18, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":43,"column":25},"end":{"line":43,"column":69}}})) != null ? stack1 : "")
    + "纳入"
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"round"), "label", {"start":{"line":43,"column":73},"end":{"line":43,"column":84}} ), depth0)) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"ge").call(alias3,lookupProperty(lookupProperty(depth0,"levels"),"department"),{"name":"ge","hash":{},"data":data,"loc":{"start":{"line":43,"column":86},"end":{"line":43,"column":110}}})) != null ? stack1 : "")
    + "目标绩效年终扣分依据。\n";
},"18":function(container,depth0,helpers,partials,data) {
    return "和政务新媒体";
},"19":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"accounts"),"failing"),{"name":"if","hash":{},"fn":container.program(20, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":44,"column":0},"end":{"line":46,"column":0}}})) != null ? stack1 : "");
},"20":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "@p "
    + ((stack1 = alias2(alias1(depth0, "issuer", {"start":{"line":45,"column":5},"end":{"line":45,"column":11}} ), depth0)) != null ? stack1 : "")
    + "将对以上不合格的政务新媒体纳入"
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"round"), "label", {"start":{"line":45,"column":30},"end":{"line":45,"column":41}} ), depth0)) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"ge").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depth0,"levels"),"department"),{"name":"ge","hash":{},"data":data,"loc":{"start":{"line":45,"column":43},"end":{"line":45,"column":67}}})) != null ? stack1 : "")
    + "目标绩效年终扣分依据。\n";
},"21":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "@h2 "
    + ((stack1 = lookupProperty(helpers,"lead").call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"lead","hash":{},"fn":container.program(22, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":49,"column":4},"end":{"line":49,"column":48}}})) != null ? stack1 : "")
    + ((stack1 = container.lambda(container.strict(depth0, "text", {"start":{"line":49,"column":50},"end":{"line":49,"column":54}} ), depth0)) != null ? stack1 : "")
    + "\n";
},"22":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "（"
    + ((stack1 = lookupProperty(helpers,"cn").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(data,"index"),{"name":"cn","hash":{},"data":data,"loc":{"start":{"line":49,"column":14},"end":{"line":49,"column":27}}})) != null ? stack1 : "")
    + "）"
    + ((stack1 = container.lambda(container.strict(depth0, "heading", {"start":{"line":49,"column":30},"end":{"line":49,"column":37}} ), depth0)) != null ? stack1 : "");
},"23":function(container,depth0,helpers,partials,data) {
    return "@p 本次检查未发现需要通报的共性问题。\n";
},"24":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "@p 各"
    + ((stack1 = container.lambda(container.strict(lookupProperty(depth0,"levels"), "county", {"start":{"line":57,"column":6},"end":{"line":57,"column":19}} ), depth0)) != null ? stack1 : "")
    + "、各部门要持续加强政府网站和政务新媒体日常管理，按要求及时更新信息。\n";
},"25":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "@p 请各单位高度重视，对本次通报问题立即进行整改，举一反三，查缺补漏，确保"
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"round"), "quarterLabel", {"start":{"line":60,"column":40},"end":{"line":60,"column":58}} ), depth0)) != null ? stack1 : "")
    + "检查合格。对存在不合格问题的"
    + ((stack1 = lookupProperty(helpers,"stem").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depth0,"levels"),"county"),{"name":"stem","hash":{},"data":data,"loc":{"start":{"line":60,"column":74},"end":{"line":60,"column":96}}})) != null ? stack1 : "")
    + "和"
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"levels"), "department", {"start":{"line":60,"column":99},"end":{"line":60,"column":116}} ), depth0)) != null ? stack1 : "")
    + "，请于"
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"deadline"), "text", {"start":{"line":60,"column":123},"end":{"line":60,"column":136}} ), depth0)) != null ? stack1 : "")
    + "前将整改情况经分管领导审定后，通过公文事务系统报"
    + ((stack1 = alias2(alias1(depth0, "issuer", {"start":{"line":60,"column":164},"end":{"line":60,"column":170}} ), depth0)) != null ? stack1 : "")
    + "，若逾期仍未整改的，将对相关单位负责人进行约谈。\n";
},"26":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "@p 请各单位高度重视，对本次通报问题举一反三，查缺补漏，并于"
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"deadline"), "text", {"start":{"line":62,"column":33},"end":{"line":62,"column":46}} ), depth0)) != null ? stack1 : "")
    + "前将自查整改情况经分管领导审定后，通过公文事务系统报"
    + ((stack1 = alias2(alias1(depth0, "issuer", {"start":{"line":62,"column":76},"end":{"line":62,"column":82}} ), depth0)) != null ? stack1 : "")
    + "。\n";
},"27":function(container,depth0,helpers,partials,data) {
    return "@table annex1\n";
},"28":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "@annex-note 本附件共"
    + ((stack1 = alias2(alias1(lookupProperty(lookupProperty(depth0,"layout"),"annex1"), "rows", {"start":{"line":78,"column":18},"end":{"line":78,"column":36}} ), depth0)) != null ? stack1 : "")
    + "条记录，篇幅较大，不在正文中列出，详见随本通报印发的"
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"annex1"), "label", {"start":{"line":78,"column":66},"end":{"line":78,"column":78}} ), depth0)) != null ? stack1 : "")
    + "电子表格（Excel文件）。\n";
},"29":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depth0,"annex2"),"sections"),{"name":"each","hash":{},"fn":container.program(30, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":84,"column":0},"end":{"line":87,"column":9}}})) != null ? stack1 : "");
},"30":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda;

  return "@table-title "
    + ((stack1 = alias2(alias1(depth0, "title", {"start":{"line":85,"column":15},"end":{"line":85,"column":20}} ), depth0)) != null ? stack1 : "")
    + "\n@table annex2 "
    + ((stack1 = alias2(alias1(data, "index", {"start":{"line":86,"column":16},"end":{"line":86,"column":22}} ), depth0)) != null ? stack1 : "")
    + "\n";
},"31":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "@annex-note 本附件共"
    + ((stack1 = alias2(alias1(lookupProperty(lookupProperty(depth0,"layout"),"annex2"), "rows", {"start":{"line":89,"column":18},"end":{"line":89,"column":36}} ), depth0)) != null ? stack1 : "")
    + "条记录，篇幅较大，不在正文中列出，详见随本通报印发的"
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"annex2"), "label", {"start":{"line":89,"column":66},"end":{"line":89,"column":78}} ), depth0)) != null ? stack1 : "")
    + "电子表格（Excel文件）。\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), alias2=container.strict, alias3=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"docNumber"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":11,"column":0},"end":{"line":14,"column":7}}})) != null ? stack1 : "")
    + "@title "
    + ((stack1 = alias3(alias2(depth0, "title", {"start":{"line":15,"column":9},"end":{"line":15,"column":14}} ), depth0)) != null ? stack1 : "")
    + "\n@blank\n@to "
    + ((stack1 = alias3(alias2(depth0, "recipients", {"start":{"line":17,"column":6},"end":{"line":17,"column":16}} ), depth0)) != null ? stack1 : "")
    + "：\n@p 根据"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"basis"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":18,"column":5},"end":{"line":18,"column":73}}})) != null ? stack1 : "")
    + "要求，"
    + ((stack1 = alias3(alias2(depth0, "issuer", {"start":{"line":18,"column":78},"end":{"line":18,"column":84}} ), depth0)) != null ? stack1 : "")
    + "于"
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"inspection"), "span", {"start":{"line":18,"column":89},"end":{"line":18,"column":104}} ), depth0)) != null ? stack1 : "")
    + "，组织对"
    + ((stack1 = alias3(alias2(depth0, "scope", {"start":{"line":18,"column":112},"end":{"line":18,"column":117}} ), depth0)) != null ? stack1 : "")
    + "政府网站和政务新媒体"
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"round"), "quarterLabel", {"start":{"line":18,"column":131},"end":{"line":18,"column":149}} ), depth0)) != null ? stack1 : "")
    + "运行情况进行了检查，现将检查情况通报如下：\n@h1 一、总体情况\n@p 目前，"
    + ((stack1 = alias3(alias2(depth0, "scope", {"start":{"line":20,"column":8},"end":{"line":20,"column":13}} ), depth0)) != null ? stack1 : "")
    + "纳入监管的政府网站共有"
    + ((stack1 = alias3(alias2(lookupProperty(lookupProperty(depth0,"totals"),"sites"), "total", {"start":{"line":20,"column":28},"end":{"line":20,"column":46}} ), depth0)) != null ? stack1 : "")
    + "个，政务微信、政务微博共有"
    + ((stack1 = alias3(alias2(lookupProperty(lookupProperty(depth0,"totals"),"accounts"), "total", {"start":{"line":20,"column":63},"end":{"line":20,"column":84}} ), depth0)) != null ? stack1 : "")
    + "个。其中："
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"levels"), "county", {"start":{"line":21,"column":14},"end":{"line":21,"column":27}} ), depth0)) != null ? stack1 : "")
    + "级政府网站"
    + ((stack1 = alias3(alias2(lookupProperty(lookupProperty(depth0,"totals"),"sites"), "county", {"start":{"line":21,"column":36},"end":{"line":21,"column":55}} ), depth0)) != null ? stack1 : "")
    + "个，"
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"levels"), "department", {"start":{"line":21,"column":61},"end":{"line":21,"column":78}} ), depth0)) != null ? stack1 : "")
    + "政府网站"
    + ((stack1 = alias3(alias2(lookupProperty(lookupProperty(depth0,"totals"),"sites"), "department", {"start":{"line":21,"column":86},"end":{"line":21,"column":109}} ), depth0)) != null ? stack1 : "")
    + "个；"
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"levels"), "county", {"start":{"line":22,"column":11},"end":{"line":22,"column":24}} ), depth0)) != null ? stack1 : "")
    + "政务微博、政务微信"
    + ((stack1 = alias3(alias2(lookupProperty(lookupProperty(depth0,"totals"),"accounts"), "county", {"start":{"line":22,"column":37},"end":{"line":22,"column":59}} ), depth0)) != null ? stack1 : "")
    + "个，"
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"levels"), "department", {"start":{"line":22,"column":65},"end":{"line":22,"column":82}} ), depth0)) != null ? stack1 : "")
    + "政务微博、政务微信"
    + ((stack1 = alias3(alias2(lookupProperty(lookupProperty(depth0,"totals"),"accounts"), "department", {"start":{"line":22,"column":95},"end":{"line":22,"column":121}} ), depth0)) != null ? stack1 : "")
    + "个。"
    + ((stack1 = alias3(alias2(depth0, "issuer", {"start":{"line":23,"column":11},"end":{"line":23,"column":17}} ), depth0)) != null ? stack1 : "")
    + "按照"
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"inspection"), "coverage", {"start":{"line":23,"column":23},"end":{"line":23,"column":42}} ), depth0)) != null ? stack1 : "")
    + "的检查比例要求，对"
    + ((stack1 = alias3(alias2(depth0, "scope", {"start":{"line":23,"column":55},"end":{"line":23,"column":60}} ), depth0)) != null ? stack1 : "")
    + "政府网站、政务新媒体进行了"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(helpers,"eq").call(alias1,lookupProperty(lookupProperty(depth0,"inspection"),"coverage"),"100%",{"name":"eq","hash":{},"data":data,"loc":{"start":{"line":23,"column":81},"end":{"line":23,"column":112}}}),{"name":"if","hash":{},"fn":container.program(3, data, 0),"inverse":container.program(4, data, 0),"data":data,"loc":{"start":{"line":23,"column":75},"end":{"line":23,"column":136}}})) != null ? stack1 : "")
    + "。"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"sites"),"failing"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.program(12, data, 0),"data":data,"loc":{"start":{"line":24,"column":3},"end":{"line":38,"column":11}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"accounts"),"failing"),{"name":"if","hash":{},"fn":container.program(15, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":39,"column":3},"end":{"line":41,"column":104}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"sites"),"failing"),{"name":"if","hash":{},"fn":container.program(17, data, 0),"inverse":container.program(19, data, 0),"data":data,"loc":{"start":{"line":42,"column":0},"end":{"line":46,"column":7}}})) != null ? stack1 : "")
    + "@h1 二、存在的问题\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"problems"),{"name":"each","hash":{},"fn":container.program(21, data, 0),"inverse":container.program(23, data, 0),"data":data,"loc":{"start":{"line":48,"column":0},"end":{"line":52,"column":9}}})) != null ? stack1 : "")
    + "@h1 三、下步要求\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"requirements"),{"name":"each","hash":{},"fn":container.program(21, data, 0),"inverse":container.program(24, data, 0),"data":data,"loc":{"start":{"line":54,"column":0},"end":{"line":58,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(helpers,"or").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"sites"),"failing"),lookupProperty(lookupProperty(lookupProperty(depth0,"totals"),"accounts"),"failing"),{"name":"or","hash":{},"data":data,"loc":{"start":{"line":59,"column":6},"end":{"line":59,"column":55}}}),{"name":"if","hash":{},"fn":container.program(25, data, 0),"inverse":container.program(26, data, 0),"data":data,"loc":{"start":{"line":59,"column":0},"end":{"line":63,"column":7}}})) != null ? stack1 : "")
    + "@blank\n@attach 附件：1."
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"annex1"), "title", {"start":{"line":65,"column":15},"end":{"line":65,"column":27}} ), depth0)) != null ? stack1 : "")
    + "\n@attach-more 2."
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"annex2"), "title", {"start":{"line":66,"column":17},"end":{"line":66,"column":29}} ), depth0)) != null ? stack1 : "")
    + "\n@blank\n@blank\n@sign "
    + ((stack1 = alias3(alias2(depth0, "issuer", {"start":{"line":69,"column":8},"end":{"line":69,"column":14}} ), depth0)) != null ? stack1 : "")
    + "\n@date "
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"issued"), "text", {"start":{"line":70,"column":8},"end":{"line":70,"column":19}} ), depth0)) != null ? stack1 : "")
    + "\n@note （联系人："
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"contact"), "name", {"start":{"line":71,"column":13},"end":{"line":71,"column":25}} ), depth0)) != null ? stack1 : "")
    + "；联系方式："
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"contact"), "phone", {"start":{"line":71,"column":35},"end":{"line":71,"column":48}} ), depth0)) != null ? stack1 : "")
    + "）\n@annex-label "
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"annex1"), "label", {"start":{"line":72,"column":15},"end":{"line":72,"column":27}} ), depth0)) != null ? stack1 : "")
    + "\n@blank\n@annex-title "
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"annex1"), "title", {"start":{"line":74,"column":15},"end":{"line":74,"column":27}} ), depth0)) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"layout"),"annex1"),"inline"),{"name":"if","hash":{},"fn":container.program(27, data, 0),"inverse":container.program(28, data, 0),"data":data,"loc":{"start":{"line":75,"column":0},"end":{"line":79,"column":7}}})) != null ? stack1 : "")
    + "@annex-label "
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"annex2"), "label", {"start":{"line":80,"column":15},"end":{"line":80,"column":27}} ), depth0)) != null ? stack1 : "")
    + "\n@blank\n@annex-title "
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"annex2"), "title", {"start":{"line":82,"column":15},"end":{"line":82,"column":27}} ), depth0)) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"layout"),"annex2"),"inline"),{"name":"if","hash":{},"fn":container.program(29, data, 0),"inverse":container.program(31, data, 0),"data":data,"loc":{"start":{"line":83,"column":0},"end":{"line":90,"column":7}}})) != null ? stack1 : "");
},"useData":true};
